package io.vigil.alerting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A firing alert matching the source matchers inhibits (mutes) alerts matching the target matchers
 * that have the same values of the {@code equal} labels, e.g. a service that is down mutes its
 * latency alerts. Written {@code "<source matchers> -> <target matchers> on <labels>"}.
 */
public record InhibitRule(List<LabelMatcher> source, List<LabelMatcher> target, List<String> equal) {

  public InhibitRule {
    source = List.copyOf(source);
    target = List.copyOf(target);
    equal = List.copyOf(equal);
  }

  public static InhibitRule parse(String text) {
    int arrow = text.indexOf("->");
    if (arrow < 0) {
      throw new IllegalArgumentException("expected \"<source matchers> -> <target matchers> on <labels>\", was " + text);
    }
    String sourceText = text.substring(0, arrow).trim();
    String rest = text.substring(arrow + 2).trim();
    List<String> equal = new ArrayList<>();
    int on = rest.lastIndexOf(" on ");
    String targetText = rest;
    if (on >= 0) {
      targetText = rest.substring(0, on).trim();
      for (String label : rest.substring(on + 4).trim().split("[\\s,]+")) {
        if (!label.isEmpty()) {
          equal.add(label);
        }
      }
    }
    List<LabelMatcher> source = matchers(sourceText);
    List<LabelMatcher> target = matchers(targetText);
    if (source.isEmpty() || target.isEmpty()) {
      throw new IllegalArgumentException("source and target need at least one matcher each: " + text);
    }
    return new InhibitRule(source, target, equal);
  }

  private static List<LabelMatcher> matchers(String text) {
    List<LabelMatcher> matchers = new ArrayList<>();
    for (String part : text.split("\\s+")) {
      if (!part.isEmpty()) {
        matchers.add(LabelMatcher.parse(part));
      }
    }
    return matchers;
  }

  /** Whether some other firing alert of {@code alerts} inhibits {@code candidate} under this rule. */
  public boolean inhibits(Collection<Alert> alerts, Alert candidate) {
    if (!target.stream().allMatch(matcher -> matcher.matches(candidate.labels()))) {
      return false;
    }
    for (Alert other : alerts) {
      if (!other.firing() || other.fingerprint().equals(candidate.fingerprint())) {
        continue;
      }
      if (!source.stream().allMatch(matcher -> matcher.matches(other.labels()))) {
        continue;
      }
      if (equal.stream().allMatch(label -> Objects.equals(other.labels().get(label), candidate.labels().get(label)))) {
        return true;
      }
    }
    return false;
  }
}
