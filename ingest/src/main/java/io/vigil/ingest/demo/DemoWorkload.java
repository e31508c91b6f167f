package io.vigil.ingest.demo;

import io.vigil.config.RecommendationsConfig;
import io.vigil.model.DeploymentEvent;
import io.vigil.model.LogEvent;
import io.vigil.model.MetricPoint;
import io.vigil.model.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A built-in workload that looks like a small AWS deployment: three ECS services (api, worker, web)
 * behind an Application Load Balancer, with an RDS PostgreSQL database, daily seasonality and noise,
 * and an incident in every {@value #CYCLE_MINUTES}-minute cycle of the wall clock: a CPU spike, a
 * memory leak that ends with the container killed for memory (exit code 137), a latency regression
 * after a deploy, or a burst of {@code connection refused} errors to PostgreSQL.
 *
 * <p>Every value is a pure function of the seed, the series and the timestamp, so generating the
 * same moment twice (after a restart, say) yields the same points and the same log-event ids.
 */
public final class DemoWorkload {

  static final int CYCLE_MINUTES = 40;
  private static final long MINUTE = 60_000L;
  private static final long CYCLE_MILLIS = CYCLE_MINUTES * MINUTE;
  private static final long DAY = 24 * 60 * MINUTE;

  public static final String CLUSTER = "demo";
  public static final String LOAD_BALANCER = "app/demo-alb/5f3c1a2b9d8e7f60";
  public static final String DATABASE = "demo-db";

  /** What the demo's services depend on, for health scoring: the services behind the ALB use the database. */
  public static final Map<String, List<String>> HEALTH_DEPENDENCIES = Map.of("api", List.of(DATABASE), "worker", List.of(DATABASE));

  /** The ALB serves api, so its golden signals (5xx, response time) count towards api's health. */
  public static final Map<String, String> HEALTH_ALIASES = Map.of(LOAD_BALANCER, "api");

  /**
   * The demo services' task sizes, for the recommender: worker is the case of a service killed for
   * memory at 2048 MiB (its memory leak ends at 100% and exit code 137).
   */
  public static final Map<String, RecommendationsConfig.ServiceSize> TASK_SIZES = Map.of(
      "api", new RecommendationsConfig.ServiceSize(512, 1024, 2, "x86_64"),
      "web", new RecommendationsConfig.ServiceSize(256, 512, 2, "x86_64"),
      "worker", new RecommendationsConfig.ServiceSize(1024, 2048, 1, "x86_64"));

  /** The kinds of incident the workload injects. */
  public enum Incident { CPU_SPIKE, MEMORY_LEAK, LATENCY_REGRESSION, DATABASE_REFUSED }

  /** An incident scheduled in one cycle: it starts at {@code startMillis} and lasts {@code durationMillis}. */
  public record ScheduledIncident(Incident kind, long startMillis, long durationMillis) {

    boolean covers(long timestampMillis) {
      return timestampMillis >= startMillis && timestampMillis < startMillis + durationMillis;
    }

    /** 0 at the start of the incident, 1 at its end. */
    double progress(long timestampMillis) {
      return (double) (timestampMillis - startMillis) / durationMillis;
    }
  }

  private enum Series {
    API_CPU("AWS/ECS", "CPUUtilization", "Percent", Map.of("ClusterName", CLUSTER, "ServiceName", "api")),
    API_MEMORY("AWS/ECS", "MemoryUtilization", "Percent", Map.of("ClusterName", CLUSTER, "ServiceName", "api")),
    WORKER_CPU("AWS/ECS", "CPUUtilization", "Percent", Map.of("ClusterName", CLUSTER, "ServiceName", "worker")),
    WORKER_MEMORY("AWS/ECS", "MemoryUtilization", "Percent", Map.of("ClusterName", CLUSTER, "ServiceName", "worker")),
    WEB_CPU("AWS/ECS", "CPUUtilization", "Percent", Map.of("ClusterName", CLUSTER, "ServiceName", "web")),
    WEB_MEMORY("AWS/ECS", "MemoryUtilization", "Percent", Map.of("ClusterName", CLUSTER, "ServiceName", "web")),
    ALB_LATENCY("AWS/ApplicationELB", "TargetResponseTime", "Seconds", Map.of("LoadBalancer", LOAD_BALANCER)),
    ALB_REQUESTS("AWS/ApplicationELB", "RequestCount", "Count", Map.of("LoadBalancer", LOAD_BALANCER)),
    ALB_5XX("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Count", Map.of("LoadBalancer", LOAD_BALANCER)),
    DB_CPU("AWS/RDS", "CPUUtilization", "Percent", Map.of("DBInstanceIdentifier", DATABASE)),
    DB_CONNECTIONS("AWS/RDS", "DatabaseConnections", "Count", Map.of("DBInstanceIdentifier", DATABASE)),
    DB_FREEABLE_MEMORY("AWS/RDS", "FreeableMemory", "Bytes", Map.of("DBInstanceIdentifier", DATABASE));

    final SeriesKey key;
    final String unit;

    Series(String namespace, String metric, String unit, Map<String, String> dimensions) {
      this.key = SeriesKey.of(namespace, metric, dimensions);
      this.unit = unit;
    }
  }

  private final long seed;
  private final long intervalMillis;

  public DemoWorkload(long seed, long intervalMillis) {
    if (intervalMillis <= 0) {
      throw new IllegalArgumentException("intervalMillis must be positive, was " + intervalMillis);
    }
    this.seed = seed;
    this.intervalMillis = intervalMillis;
  }

  /** The interval between two points of a series. */
  public long intervalMillis() {
    return intervalMillis;
  }

  /** The latest point time at or before {@code timestampMillis}. */
  public long alignDown(long timestampMillis) {
    return Math.floorDiv(timestampMillis, intervalMillis) * intervalMillis;
  }

  /** The incident of the cycle that contains {@code timestampMillis}. */
  public ScheduledIncident incidentAt(long timestampMillis) {
    long cycle = Math.floorDiv(timestampMillis, CYCLE_MILLIS);
    SplittableRandom random = new SplittableRandom(mix(seed, -1, cycle));
    Incident kind = Incident.values()[random.nextInt(Incident.values().length)];
    long start = cycle * CYCLE_MILLIS + (5 + random.nextInt(8)) * MINUTE;
    long duration = switch (kind) {
      case CPU_SPIKE -> 4 * MINUTE;
      case MEMORY_LEAK -> 8 * MINUTE;
      case LATENCY_REGRESSION -> 15 * MINUTE;
      case DATABASE_REFUSED -> 3 * MINUTE;
    };
    return new ScheduledIncident(kind, start, duration);
  }

  /** Every series' point at {@code timestampMillis}, which should be aligned to the interval. */
  public List<MetricPoint> pointsAt(long timestampMillis) {
    ScheduledIncident incident = incidentAt(timestampMillis);
    boolean active = incident.covers(timestampMillis);
    double daily = 1.0 + 0.35 * Math.sin(2 * Math.PI * ((double) Math.floorMod(timestampMillis, DAY) / DAY - 0.3));
    List<MetricPoint> points = new ArrayList<>(Series.values().length);
    for (Series series : Series.values()) {
      SplittableRandom noise = new SplittableRandom(mix(seed, series.ordinal(), timestampMillis));
      double value = baseline(series, daily, noise);
      if (active) {
        value = withIncident(series, value, incident, timestampMillis, noise);
      } else if (series == Series.WORKER_MEMORY && incident.kind() == Incident.MEMORY_LEAK
          && timestampMillis >= incident.startMillis() + incident.durationMillis()
          && timestampMillis < incident.startMillis() + incident.durationMillis() + 2 * MINUTE) {
        value = 22 + noise.nextGaussian() * 0.5; // the replacement task starts with a small heap
      }
      points.add(new MetricPoint(series.key, timestampMillis, clamp(series, value), series.unit));
    }
    return points;
  }

  /** The log events stamped in the interval ending at {@code timestampMillis}. */
  public List<LogEvent> logsAt(long timestampMillis) {
    List<LogEvent> events = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(mix(seed, 1000, timestampMillis));
    events.add(event("/ecs/api", "api/web/3f9a", timestampMillis, 0,
        "GET /api/orders 200 " + (20 + random.nextInt(30)) + "ms"));
    events.add(event("/ecs/worker", "worker/worker/81c2", timestampMillis, 0,
        "processed batch of " + (50 + random.nextInt(100)) + " orders"));

    ScheduledIncident incident = incidentAt(timestampMillis);
    long sinceStart = timestampMillis - incident.startMillis();
    switch (incident.kind()) {
      case DATABASE_REFUSED -> {
        if (incident.covers(timestampMillis)) {
          for (int n = 1; n <= 6; n++) {
            events.add(event("/ecs/api", "api/web/3f9a", timestampMillis, n,
                "ERROR could not connect to server: Connection refused. Is the server running on host \"demo-db.c1x2.us-east-1.rds.amazonaws.com\" (10.0.3.12) and accepting TCP/IP connections on port 5432? connect ECONNREFUSED 10.0.3.12:5432"));
          }
        }
      }
      case MEMORY_LEAK -> {
        if (sinceStart >= incident.durationMillis() - intervalMillis && sinceStart < incident.durationMillis()) {
          events.add(event("/ecs/worker", "worker/worker/81c2", timestampMillis, 1,
              "java.lang.OutOfMemoryError: Java heap space"));
          events.add(event("/aws/ecs/events", "demo", timestampMillis, 1,
              "(service worker) (task 81c2) Task stopped: Essential container in task exited. OutOfMemoryError: Container killed due to memory usage. Exit Code 137"));
        }
      }
      case LATENCY_REGRESSION -> {
        if (sinceStart >= 0 && sinceStart < intervalMillis) {
          events.add(event("/aws/ecs/events", "demo", timestampMillis, 1,
              "(service api) has reached a steady state. Deployment ecs-svc/7730 completed: task definition api:42 (image api:v2.3.1)"));
        }
      }
      case CPU_SPIKE -> {
        if (sinceStart >= 0 && sinceStart < intervalMillis) {
          events.add(event("/ecs/api", "api/web/3f9a", timestampMillis, 1,
              "WARN request queue depth 512 exceeds 128; thread pool saturated"));
        }
      }
    }
    return events;
  }

  /** How long before a latency regression its deployment starts; it reaches a steady state as the regression begins. */
  static final long DEPLOY_LEAD_MILLIS = 3 * MINUTE;

  /**
   * The deployment events stamped in the interval ending at {@code timestampMillis}: every latency
   * regression is the release {@code api:42} of service api, started {@link #DEPLOY_LEAD_MILLIS}
   * before the regression and steady (COMPLETED) as it begins, as its ECS event in the logs says.
   */
  public List<DeploymentEvent> deploymentsAt(long timestampMillis) {
    ScheduledIncident incident = incidentAt(timestampMillis);
    if (incident.kind() != Incident.LATENCY_REGRESSION) {
      return List.of();
    }
    String id = "demo-api-" + Math.floorDiv(incident.startMillis(), CYCLE_MILLIS);
    List<DeploymentEvent> events = new ArrayList<>(1);
    long started = incident.startMillis() - DEPLOY_LEAD_MILLIS;
    if (started > timestampMillis - intervalMillis && started <= timestampMillis) {
      events.add(new DeploymentEvent(id + "/started", id, "api", DeploymentEvent.Kind.STARTED, started, "demo", "api:42", "demo", "demo",
          "task-definition/api:42", "PRIMARY", "ecs-svc/7730 started: task definition api:42 (image api:v2.3.1)"));
    }
    long completed = incident.startMillis();
    if (completed > timestampMillis - intervalMillis && completed <= timestampMillis) {
      events.add(new DeploymentEvent(id + "/completed", id, "api", DeploymentEvent.Kind.COMPLETED, completed, "demo", "api:42", "demo", "demo",
          "task-definition/api:42", "COMPLETED", "(service api) has reached a steady state. Deployment ecs-svc/7730 completed"));
    }
    return events;
  }

  private static double baseline(Series series, double daily, SplittableRandom noise) {
    double gaussian = noise.nextGaussian();
    return switch (series) {
      case API_CPU -> 30 * daily + 2 * gaussian;
      case API_MEMORY -> 55 + 0.5 * gaussian;
      case WORKER_CPU -> 45 + 3 * gaussian;
      case WORKER_MEMORY -> 40 + 0.5 * gaussian;
      case WEB_CPU -> 20 * daily + 1.5 * gaussian;
      case WEB_MEMORY -> 35 + 0.4 * gaussian;
      case ALB_LATENCY -> 0.12 + 0.03 * daily + 0.008 * gaussian;
      case ALB_REQUESTS -> Math.rint(1200 * daily + 40 * gaussian);
      case ALB_5XX -> Math.max(0, Math.rint(0.5 + gaussian));
      case DB_CPU -> 25 * daily + 2 * gaussian;
      case DB_CONNECTIONS -> Math.rint(40 + 2 * gaussian);
      case DB_FREEABLE_MEMORY -> 2.1e9 + 2e7 * gaussian;
    };
  }

  private static double withIncident(Series series, double value, ScheduledIncident incident, long timestampMillis, SplittableRandom noise) {
    double progress = incident.progress(timestampMillis);
    return switch (incident.kind()) {
      case CPU_SPIKE -> switch (series) {
        case API_CPU -> 93 + 3 * noise.nextGaussian();
        case ALB_REQUESTS -> value * 2.5;
        case ALB_LATENCY -> value * 3;
        default -> value;
      };
      case MEMORY_LEAK -> series == Series.WORKER_MEMORY ? 40 + 60 * progress + 0.5 * noise.nextGaussian() : value;
      case LATENCY_REGRESSION -> series == Series.ALB_LATENCY ? value + 0.35 : value;
      case DATABASE_REFUSED -> switch (series) {
        case ALB_5XX -> 60 + 10 * noise.nextGaussian();
        case DB_CONNECTIONS -> 0;
        case API_CPU -> value * 0.4;
        default -> value;
      };
    };
  }

  private static double clamp(Series series, double value) {
    return series.unit.equals("Percent") ? Math.max(0, Math.min(100, value)) : Math.max(0, value);
  }

  private LogEvent event(String group, String stream, long timestampMillis, int n, String message) {
    String id = "demo-" + Long.toUnsignedString(mix(seed, group.hashCode() * 31L + n, timestampMillis), 36);
    return new LogEvent(group, stream, timestampMillis, message, id);
  }

  /** SplitMix64-style mixing of the seed, a stream number and a time into one seed. */
  private static long mix(long seed, long stream, long time) {
    long z = seed ^ (stream * 0x9E3779B97F4A7C15L) ^ (time * 0xC2B2AE3D27D4EB4FL);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
