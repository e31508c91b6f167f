package io.vigil.config;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The deployments stage: the windows around each deployment, how its verdict is judged, and what
 * a failed verdict may do.
 *
 * @param enabled whether the deployments stages and {@code /api/v1/deployments} run
 * @param checkpointIntervalSeconds how often the stages checkpoint
 * @param baselineMinutes the window before a deployment its metrics are compared against
 * @param verifyMinutes the window after steady state whose values decide the verdict
 * @param monitorMinutes the longer watch after the verdict
 * @param maxDeployMinutes verification starts this long after the start when no steady state is reported
 * @param lateDataMinutes how long past a window's end the stage waits for the service's values to
 *     reach it before judging with what it has
 * @param minSamples values each window needs for a metric to be judged
 * @param alpha the Mann-Whitney U test's significance level
 * @param minEffectSize the smallest |Cliff's delta| that counts
 * @param passScore score (0-100) at or above which a deployment passes
 * @param failScore score below which it fails
 * @param directions metric name to {@code higher-is-worse}, {@code lower-is-worse}, {@code either}
 *     or {@code neutral}, laid over the built-in table
 * @param weights metric name to its importance, laid over the built-in weights
 * @param defaultWeight the weight of a metric with a direction but no weight
 * @param penalties the weights of the evidence that is not a metric
 * @param autoRollback whether a failed verdict rolls the ECS service back to the task definition it ran before
 * @param scaleOut the emergency scale-out a failed verdict may make instead
 * @param ecs where the snapshots and actions reach ECS
 * @param checks the synthetic checks run while a deployment is verified
 */
public record DeploymentsConfig(
    boolean enabled,
    int checkpointIntervalSeconds,
    int baselineMinutes,
    int verifyMinutes,
    int monitorMinutes,
    int maxDeployMinutes,
    int lateDataMinutes,
    int minSamples,
    double alpha,
    double minEffectSize,
    double passScore,
    double failScore,
    Map<String, String> directions,
    Map<String, Double> weights,
    double defaultWeight,
    Penalties penalties,
    boolean autoRollback,
    ScaleOut scaleOut,
    Ecs ecs,
    Checks checks) {

  /** The directions a metric may have. */
  public static final Set<String> DIRECTIONS = Set.of("higher-is-worse", "lower-is-worse", "either", "neutral");

  public DeploymentsConfig {
    directions = Collections.unmodifiableSortedMap(new TreeMap<>(directions));
    weights = Collections.unmodifiableSortedMap(new TreeMap<>(weights));
  }

  /** Weights of a log pattern new since the deployment, a diagnostics signature, a failed synthetic check. */
  public record Penalties(double newLogPattern, double diagnostic, double failedCheck) {}

  /**
   * @param enabled whether a failed verdict (when no rollback is made) raises the desired count
   * @param factor desired count times this, rounded up
   * @param maxDesiredCount never above this
   */
  public record ScaleOut(boolean enabled, double factor, int maxDesiredCount) {}

  /**
   * @param enabled read each deployment's snapshot from ECS and let actions reach it (with {@code aws.*})
   * @param cluster the cluster of services whose metrics do not name one
   */
  public record Ecs(boolean enabled, String cluster) {}

  /**
   * The configured probes of a service (a probe counts for the service its ProbeName names, through
   * {@code health.serviceAliases}) run again while its deployment is verified: each as a smoke
   * check, and an http one also as a short latency check.
   *
   * @param intervalSeconds how often, during verification (the probes' own interval is longer)
   * @param latencyRequests requests of one latency check, at most
   * @param latencyMaxSeconds how long one latency check may take, at most; it stops there
   * @param maxLatencyMillis a latency check whose 90th percentile is above this fails
   */
  public record Checks(boolean enabled, int intervalSeconds, int latencyRequests, int latencyMaxSeconds, int maxLatencyMillis) {}

  static DeploymentsConfig from(ConfigSection section) {
    DeploymentsConfig config = new DeploymentsConfig(
        section.bool("enabled"),
        section.integer("checkpointIntervalSeconds", 1, 3_600),
        section.integer("baselineMinutes", 1, 24 * 60),
        section.integer("verifyMinutes", 1, 24 * 60),
        section.integer("monitorMinutes", 0, 7 * 24 * 60),
        section.integer("maxDeployMinutes", 1, 24 * 60),
        section.integer("lateDataMinutes", 0, 24 * 60),
        section.integer("minSamples", 2, 100_000),
        section.number("alpha", 1e-9, 0.5),
        section.number("minEffectSize", 0, 1),
        section.number("passScore", 0, 100),
        section.number("failScore", 0, 100),
        directions(section, "directions"),
        weights(section, "weights"),
        section.number("defaultWeight", 0, 1_000),
        penalties(section.section("penalties")),
        section.bool("autoRollback"),
        scaleOut(section.section("scaleOut")),
        ecs(section.section("ecs")),
        checks(section.section("checks")));
    section.requireNotBelow("passScore", config.passScore, "failScore", config.failScore);
    section.finish();
    return config;
  }

  private static SortedMap<String, String> directions(ConfigSection parent, String key) {
    SortedMap<String, String> directions = parent.stringMap(key);
    directions.forEach((metric, direction) -> {
      if (!DIRECTIONS.contains(direction)) {
        throw new ConfigException(parent.keyOf(key) + "." + metric, "must be higher-is-worse, lower-is-worse, either or neutral, was \"" + direction + "\"");
      }
    });
    return directions;
  }

  private static SortedMap<String, Double> weights(ConfigSection parent, String key) {
    ConfigSection all = parent.section(key);
    SortedMap<String, Double> weights = new TreeMap<>();
    for (String metric : all.fieldNames()) {
      weights.put(metric, all.number(metric, 0, 1_000));
    }
    all.finish();
    return weights;
  }

  private static Penalties penalties(ConfigSection section) {
    Penalties penalties = new Penalties(section.number("newLogPattern", 0, 1_000), section.number("diagnostic", 0, 1_000),
        section.number("failedCheck", 0, 1_000));
    section.finish();
    return penalties;
  }

  private static ScaleOut scaleOut(ConfigSection section) {
    ScaleOut scaleOut = new ScaleOut(section.bool("enabled"), section.number("factor", 1, 10), section.integer("maxDesiredCount", 1, 10_000));
    section.finish();
    return scaleOut;
  }

  private static Checks checks(ConfigSection section) {
    Checks checks = new Checks(section.bool("enabled"), section.integer("intervalSeconds", 1, 3_600), section.integer("latencyRequests", 1, 100),
        section.integer("latencyMaxSeconds", 1, 60), section.integer("maxLatencyMillis", 1, 600_000));
    section.finish();
    return checks;
  }

  private static Ecs ecs(ConfigSection section) {
    Ecs ecs = new Ecs(section.bool("enabled"), section.string("cluster").trim());
    section.finish();
    return ecs;
  }
}
