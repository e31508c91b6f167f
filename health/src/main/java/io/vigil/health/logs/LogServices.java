package io.vigil.health.logs;

import io.vigil.config.LogGroupServices;
import java.util.Optional;

/**
 * The service a log event belongs to, as {@link LogGroupServices#serviceOf(String, String)} finds
 * it (the group's configured service, the one an ECS service event names, the one in the group's
 * name); else none (the event does not count).
 */
public final class LogServices {

  private final LogGroupServices groups;

  public LogServices(LogGroupServices groups) {
    this.groups = groups;
  }

  public Optional<String> serviceOf(String logGroup, String message) {
    return groups.serviceOf(logGroup, message);
  }
}
