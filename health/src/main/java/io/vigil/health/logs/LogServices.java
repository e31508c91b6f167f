package io.vigil.health.logs;

import io.vigil.config.LogGroupServices;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service a log event belongs to: the one its group is configured for, else the one an ECS
 * service event names ({@code (service api) ...}), else the one {@link LogGroupServices} reads from
 * the group's name; else none (the event does not count).
 */
public final class LogServices {

  private static final Pattern ECS_EVENT = Pattern.compile("^\\(service ([^)\\s]+)\\)");

  private final LogGroupServices groups;

  public LogServices(LogGroupServices groups) {
    this.groups = groups;
  }

  public Optional<String> serviceOf(String logGroup, String message) {
    String mapped = groups.configured().get(logGroup);
    if (mapped != null && !mapped.isEmpty()) {
      return Optional.of(mapped);
    }
    Matcher event = ECS_EVENT.matcher(message);
    if (event.find()) {
      return Optional.of(event.group(1));
    }
    return groups.serviceOf(logGroup);
  }
}
