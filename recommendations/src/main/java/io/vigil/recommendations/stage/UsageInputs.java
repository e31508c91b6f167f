package io.vigil.recommendations.stage;

import io.vigil.model.LogEvent;
import io.vigil.model.MetricPoint;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which ingested records are evidence for the recommender, and of which service: {@code AWS/ECS}
 * {@code CPUUtilization} and {@code MemoryUtilization} of a {@code ServiceName}, and log lines that
 * say a task was killed for memory (exit code 137, {@code OutOfMemoryError}, {@code OOMKilled}).
 * A kill's service is the one an ECS service event names ({@code (service worker)}), else the last
 * part of an {@code /ecs/<service>} log group; a line that names neither is not attributed.
 */
public final class UsageInputs {

  static final String NAMESPACE = "AWS/ECS";
  private static final Pattern KILL = Pattern.compile("exit code:? 137|OutOfMemoryError|OOMKilled", Pattern.CASE_INSENSITIVE);
  private static final Pattern SERVICE_EVENT = Pattern.compile("\\(service ([^)\\s]+)\\)");

  private UsageInputs() {}

  public static Optional<UsageInput> of(MetricPoint point) {
    if (!NAMESPACE.equals(point.series().namespace())) {
      return Optional.empty();
    }
    String service = point.series().dimensions().get("ServiceName");
    if (service == null || service.isEmpty() || point.series().dimensions().size() > 2) {
      return Optional.empty(); // per-task or other breakdowns are not the service's utilisation
    }
    UsageInput.Kind kind = switch (point.series().metric()) {
      case "CPUUtilization" -> UsageInput.Kind.CPU;
      case "MemoryUtilization" -> UsageInput.Kind.MEMORY;
      default -> null;
    };
    if (kind == null) {
      return Optional.empty();
    }
    String cluster = point.series().dimensions().getOrDefault("ClusterName", "");
    return Optional.of(new UsageInput(kind, cluster, service, point.timestampMillis(), point.value(), point.series().id(), ""));
  }

  public static Optional<UsageInput> of(LogEvent event) {
    if (!KILL.matcher(event.message()).find()) {
      return Optional.empty();
    }
    Matcher named = SERVICE_EVENT.matcher(event.message());
    String service;
    if (named.find()) {
      service = named.group(1);
    } else if (event.logGroup().startsWith("/ecs/") && event.logGroup().length() > "/ecs/".length()) {
      service = event.logGroup().substring(event.logGroup().lastIndexOf('/') + 1);
    } else {
      return Optional.empty();
    }
    String detail = event.message().length() > 300 ? event.message().substring(0, 300) : event.message();
    return Optional.of(new UsageInput(UsageInput.Kind.KILL, "", service, event.timestampMillis(), 0, event.logGroup(), detail));
  }
}
