package io.vigil.health;

import io.vigil.model.SeriesKey;
import java.util.Locale;

/** What a series tells about its service's health, judged by its metric (and namespace) name. */
public enum SignalKind {
  CPU,
  MEMORY,
  REQUESTS,
  ERRORS,
  LATENCY,
  UNHEALTHY_HOSTS,
  RUNNING_TASKS,
  DESIRED_TASKS,
  PROBE,
  /** From logs: a container of the service killed for memory. */
  MEMORY_KILL,
  /** From logs: a deployment of the service started or completed. */
  DEPLOYMENT,
  /** From logs: a connection to a dependency (a database, a cache) refused. */
  DEPENDENCY_REFUSED,
  /** From logs: error lines in the last minute of one log group, anomalous when a burst. */
  LOG_ERRORS,
  OTHER;

  /** The namespace of the probes' series (see ingest's probes). */
  public static final String PROBE_NAMESPACE = "Vigil/Probes";

  /** The kind of {@code series}; names are CloudWatch's (AWS/ECS, ECS/ContainerInsights, AWS/ApplicationELB). */
  public static SignalKind of(SeriesKey series) {
    String metric = series.metric();
    if (PROBE_NAMESPACE.equals(series.namespace()) && metric.equals("Availability")) {
      return PROBE;
    }
    return switch (metric) {
      case "CPUUtilization" -> CPU;
      case "MemoryUtilization" -> MEMORY;
      case "RequestCount" -> REQUESTS;
      case "HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count" -> ERRORS;
      case "TargetResponseTime" -> LATENCY;
      case "UnHealthyHostCount" -> UNHEALTHY_HOSTS;
      case "RunningTaskCount" -> RUNNING_TASKS;
      case "DesiredTaskCount" -> DESIRED_TASKS;
      default -> metric.toLowerCase(Locale.ROOT).contains("latency") ? LATENCY : OTHER;
    };
  }

  /** Whether an anomaly of this kind is a golden signal (errors, latency) and weighs more. */
  public boolean golden() {
    return this == ERRORS || this == LATENCY;
  }

  /** Whether a change of value alone (not only an anomaly) changes the score at once. */
  public boolean availability() {
    return this == UNHEALTHY_HOSTS || this == RUNNING_TASKS || this == DESIRED_TASKS || this == PROBE;
  }

  /** Whether signals of this kind come from log events rather than a metric series. */
  public boolean fromLogs() {
    return this == MEMORY_KILL || this == DEPLOYMENT || this == DEPENDENCY_REFUSED || this == LOG_ERRORS;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SignalKind fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
