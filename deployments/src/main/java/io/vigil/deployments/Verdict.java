package io.vigil.deployments;

import java.util.List;
import java.util.Locale;

/**
 * What verification concluded about a deployment, with everything it rests on.
 *
 * @param score 0-100: the share of the judged weight (metrics with enough values, plus penalties)
 *     that did not get worse, Kayenta's canary score
 * @param reasons why, in sentences, the heaviest first
 * @param metrics every compared series, also the unchanged ones
 * @param penalties the non-metric evidence against the deployment
 */
public record Verdict(Result result, double score, List<String> reasons, List<MetricEvidence> metrics, List<Penalty> penalties) {

  public Verdict {
    reasons = List.copyOf(reasons);
    metrics = List.copyOf(metrics);
    penalties = List.copyOf(penalties);
  }

  /** Pass, marginal or fail. */
  public enum Result {
    PASS, MARGINAL, FAIL;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Result fromWire(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }
}
