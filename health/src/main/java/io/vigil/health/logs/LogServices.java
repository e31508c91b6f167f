package io.vigil.health.logs;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service a log event belongs to: the configured log group's, else one an ECS service event
 * names ({@code (service api) ...}), else the last part of a group named {@code /ecs/<service>} or
 * {@code /aws/ecs/<service>} (ECS's own convention; not {@code /aws/ecs/events} or Container
 * Insights' groups), else none (the event does not count).
 */
public final class LogServices {

  private static final Pattern ECS_EVENT = Pattern.compile("^\\(service ([^)\\s]+)\\)");
  private static final Pattern ECS_GROUP = Pattern.compile("^/(?:aws/)?ecs/([^/]+)(?:/.*)?$");

  private final Map<String, String> configured;

  public LogServices(Map<String, String> configured) {
    this.configured = Map.copyOf(configured);
  }

  public Optional<String> serviceOf(String logGroup, String message) {
    String mapped = configured.get(logGroup);
    if (mapped != null) {
      return Optional.of(mapped);
    }
    Matcher event = ECS_EVENT.matcher(message);
    if (event.find()) {
      return Optional.of(event.group(1));
    }
    Matcher group = ECS_GROUP.matcher(logGroup);
    if (group.matches() && !group.group(1).equals("events") && !group.group(1).equals("containerinsights")) {
      return Optional.of(group.group(1));
    }
    return Optional.empty();
  }
}
