package io.vigil.config;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The service a log group belongs to, for every stage that reads logs: the configured one
 * ({@code series.logGroupServices}), else {@code <name>} of a group {@code /ecs/<name>} or
 * {@code /aws/ecs/<name>} (ECS's own convention, with anything after it), else the last non-empty
 * segment of the group's name; none for ECS's service-event group ({@code /aws/ecs/events}, whose
 * lines name their service themselves) and Container Insights' groups (a cluster's, not a service's).
 */
public final class LogGroupServices {

  private static final java.util.regex.Pattern ECS_EVENT = java.util.regex.Pattern.compile("^\\(service ([^)\\s]+)\\)");

  private final SortedMap<String, String> configured;

  public LogGroupServices(Map<String, String> configured) {
    this.configured = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(configured));
  }

  public SortedMap<String, String> configured() {
    return configured;
  }

  /**
   * The service of one log event: its group's configured one, else the one an ECS service event
   * names ({@code (service api) ...}, as in {@code /aws/ecs/events}), else the one read from the
   * group's name.
   */
  public Optional<String> serviceOf(String logGroup, String message) {
    String mapped = configured.get(logGroup);
    if (mapped != null && !mapped.isEmpty()) {
      return Optional.of(mapped);
    }
    java.util.regex.Matcher event = ECS_EVENT.matcher(message);
    if (event.find()) {
      return Optional.of(event.group(1));
    }
    return serviceOf(logGroup);
  }

  public Optional<String> serviceOf(String logGroup) {
    String mapped = configured.get(logGroup);
    if (mapped != null && !mapped.isEmpty()) {
      return Optional.of(mapped);
    }
    String[] segments = java.util.Arrays.stream(logGroup.split("/")).filter(segment -> !segment.isEmpty()).toArray(String[]::new);
    if (segments.length == 0) {
      return Optional.empty();
    }
    int ecs = segments[0].equals("ecs") ? 1 : segments.length > 1 && segments[0].equals("aws") && segments[1].equals("ecs") ? 2 : -1;
    if (ecs > 0) {
      if (segments.length <= ecs || segments[ecs].equals("events") || segments[ecs].equals("containerinsights")) {
        return Optional.empty();
      }
      return Optional.of(segments[ecs]);
    }
    return Optional.of(segments[segments.length - 1]);
  }
}
