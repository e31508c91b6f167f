package io.vigil.config;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The health scorer: how each service's 0-100 score is made from deductions, where its status
 * bands lie, and which services depend on which.
 *
 * @param enabled whether the health stages and the health API run
 * @param checkpointIntervalSeconds how often the health stages checkpoint their state
 * @param expectedIntervalSeconds how often a service's metrics are expected; after three intervals
 *     without any, its status is {@code stale}
 * @param anomalyHalfLifeSeconds an anomaly's deduction halves every this many seconds after it, so a
 *     score recovers gradually rather than at once
 * @param bands the lowest scores that are still healthy and degraded
 * @param deductions the points each component takes off
 * @param limits the values at which saturation and error ratios start to count
 * @param dependencies service to the services it depends on, e.g. {@code {api: [demo-db]}}
 * @param serviceAliases a series' service (or a probe's ProbeName) to the service it counts
 *     towards, e.g. a load balancer to the service behind it
 * @param memoryKillSeconds how long a container killed for memory counts against its service
 * @param logErrors when a log group's error lines count as a burst
 * @param insights how a service's trouble is grouped into one insight
 */
public record HealthConfig(
    boolean enabled,
    int checkpointIntervalSeconds,
    int expectedIntervalSeconds,
    int anomalyHalfLifeSeconds,
    Bands bands,
    Deductions deductions,
    Limits limits,
    Map<String, List<String>> dependencies,
    Map<String, String> serviceAliases,
    int memoryKillSeconds,
    LogErrors logErrors,
    Insights insights) {

  public HealthConfig {
    SortedMap<String, List<String>> copy = new TreeMap<>();
    dependencies.forEach((service, on) -> copy.put(service, List.copyOf(on)));
    dependencies = java.util.Collections.unmodifiableSortedMap(copy);
    serviceAliases = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(serviceAliases));
  }

  /**
   * A log group's error lines (ERROR, FATAL, exceptions) per minute are a burst when they reach
   * {@code burstFactor} times their decaying baseline (plus one) and at least {@code minPerMinute}.
   *
   * @param baselineHalfLifeMinutes the baseline's half-life, in minutes of data
   */
  public record LogErrors(double burstFactor, int minPerMinute, int baselineHalfLifeMinutes) {}

  /**
   * An insight opens when a service's score falls below the healthy band and closes once it has
   * been back in it for {@code quietSeconds}; a sign of trouble seen up to {@code lookbackSeconds}
   * before it opened still counts as one of its members (the signal that moved first often does),
   * if it is linked to the trouble: it ended at most {@code linkGapSeconds} before the next linked
   * sign began, so a lone blip that came and went well before is not taken for the first signal.
   *
   * @param deploymentWindowSeconds a deployment this long before the insight's first signal (or
   *     during it) is a probable cause
   * @param maxMembers the most members (series, events) one insight keeps
   */
  public record Insights(int quietSeconds, int lookbackSeconds, int linkGapSeconds, int deploymentWindowSeconds, int maxMembers) {}

  /** Status bands: a score at or above {@code healthyAtLeast} is healthy, at or above {@code degradedAtLeast} degraded, below unhealthy. */
  public record Bands(int healthyAtLeast, int degradedAtLeast) {}

  /**
   * Points off the score.
   *
   * @param warningAnomaly a warning anomaly, at its moment (it then decays)
   * @param criticalAnomaly a critical anomaly, at its moment
   * @param maxAnomalies the most the anomalies of all non-golden-signal series take together
   * @param goldenSignalWeight how much more an anomaly on an error or latency series weighs
   * @param saturationWarn CPU or memory at or above its warn limit
   * @param saturationSerious CPU or memory at or above its serious limit
   * @param errorRatioWarn a 5xx ratio at or above its warn limit
   * @param errorRatioSerious a 5xx ratio at or above its serious limit
   * @param unhealthyHosts any unhealthy host behind a load balancer
   * @param missingTasks running tasks below desired, scaled by the share missing
   * @param failingProbe a probe that finds the service unavailable
   * @param dependencyUnhealthy a dependency whose status is unhealthy
   * @param dependencyDegraded a dependency whose status is degraded
   * @param memoryKill a container of the service killed for memory, for {@code memoryKillSeconds}
   * @param logErrorBurst a burst of error lines in one of the service's log groups
   * @param latencyWarn a latency series' recent mean at or above its warn ratio to its own baseline
   * @param latencySerious the same at or above its serious ratio
   * @param memoryRising memory rising fast enough to reach its limit within {@code memoryFullWithinMinutes},
   *     when it would be full at that limit; more as the kill nears, up to {@code memoryKill}
   */
  public record Deductions(
      double warningAnomaly, double criticalAnomaly, double maxAnomalies, double goldenSignalWeight,
      double saturationWarn, double saturationSerious, double errorRatioWarn, double errorRatioSerious,
      double unhealthyHosts, double missingTasks, double failingProbe, double dependencyUnhealthy, double dependencyDegraded,
      double memoryKill, double logErrorBurst, double latencyWarn, double latencySerious, double memoryRising) {}

  /**
   * Utilisation limits (percent), 5xx-to-request ratios, and ratios of a latency series' recent
   * mean to its own baseline, at which the saturation, error and latency deductions start; and how
   * soon (at its current slope, of at least {@code memoryRisePerMinute} points a minute) memory must
   * be heading for 100% to count as rising.
   */
  public record Limits(
      double cpuWarnPercent, double cpuSeriousPercent, double memoryWarnPercent, double memorySeriousPercent,
      double errorRatioWarn, double errorRatioSerious, double latencyWarnRatio, double latencySeriousRatio,
      double memoryFullWithinMinutes, double memoryRisePerMinute) {}

  /** This configuration with {@code dependencies} and {@code aliases} used where it configures none of its own. */
  public HealthConfig withDefaultMaps(Map<String, List<String>> defaultDependencies, Map<String, String> defaultAliases) {
    return new HealthConfig(enabled, checkpointIntervalSeconds, expectedIntervalSeconds, anomalyHalfLifeSeconds, bands, deductions, limits,
        dependencies.isEmpty() ? defaultDependencies : dependencies, serviceAliases.isEmpty() ? defaultAliases : serviceAliases,
        memoryKillSeconds, logErrors, insights);
  }

  static HealthConfig from(ConfigSection section) {
    HealthConfig config = new HealthConfig(
        section.bool("enabled"),
        section.integer("checkpointIntervalSeconds", 1, 3600),
        section.integer("expectedIntervalSeconds", 1, 86_400),
        section.integer("anomalyHalfLifeSeconds", 1, 86_400),
        bands(section.section("bands")),
        deductions(section.section("deductions")),
        limits(section.section("limits")),
        section.stringLists("dependencies"),
        section.stringMap("serviceAliases"),
        section.integer("memoryKillSeconds", 1, 86_400),
        logErrors(section.section("logErrors")),
        insights(section.section("insights")));
    config.dependencies.forEach((service, on) -> {
      if (on.contains(service)) {
        throw new ConfigException(section.keyOf("dependencies." + service), "must not name the service itself");
      }
    });
    section.finish();
    return config;
  }

  private static Bands bands(ConfigSection section) {
    Bands bands = new Bands(section.integer("healthyAtLeast", 1, 100), section.integer("degradedAtLeast", 0, 100));
    if (bands.degradedAtLeast >= bands.healthyAtLeast) {
      throw new ConfigException(section.keyOf("degradedAtLeast"), "must be below health.bands.healthyAtLeast (" + bands.healthyAtLeast + ")");
    }
    section.finish();
    return bands;
  }

  private static Deductions deductions(ConfigSection section) {
    Deductions deductions = new Deductions(
        section.number("warningAnomaly", 0, 100),
        section.number("criticalAnomaly", 0, 100),
        section.number("maxAnomalies", 0, 100),
        section.number("goldenSignalWeight", 0, 10),
        section.number("saturationWarn", 0, 100),
        section.number("saturationSerious", 0, 100),
        section.number("errorRatioWarn", 0, 100),
        section.number("errorRatioSerious", 0, 100),
        section.number("unhealthyHosts", 0, 100),
        section.number("missingTasks", 0, 100),
        section.number("failingProbe", 0, 100),
        section.number("dependencyUnhealthy", 0, 100),
        section.number("dependencyDegraded", 0, 100),
        section.number("memoryKill", 0, 100),
        section.number("logErrorBurst", 0, 100),
        section.number("latencyWarn", 0, 100),
        section.number("latencySerious", 0, 100),
        section.number("memoryRising", 0, 100));
    section.finish();
    return deductions;
  }

  private static LogErrors logErrors(ConfigSection section) {
    LogErrors logErrors = new LogErrors(
        section.number("burstFactor", 1, 1000),
        section.integer("minPerMinute", 1, 1_000_000),
        section.integer("baselineHalfLifeMinutes", 1, 7 * 24 * 60));
    section.finish();
    return logErrors;
  }

  private static Insights insights(ConfigSection section) {
    Insights insights = new Insights(
        section.integer("quietSeconds", 1, 86_400),
        section.integer("lookbackSeconds", 0, 86_400),
        section.integer("linkGapSeconds", 0, 86_400),
        section.integer("deploymentWindowSeconds", 0, 86_400),
        section.integer("maxMembers", 1, 1000));
    section.finish();
    return insights;
  }

  private static Limits limits(ConfigSection section) {
    Limits limits = new Limits(
        section.number("cpuWarnPercent", 0, 100),
        section.number("cpuSeriousPercent", 0, 100),
        section.number("memoryWarnPercent", 0, 100),
        section.number("memorySeriousPercent", 0, 100),
        section.number("errorRatioWarn", 0, 1),
        section.number("errorRatioSerious", 0, 1),
        section.number("latencyWarnRatio", 1, 1000),
        section.number("latencySeriousRatio", 1, 1000),
        section.number("memoryFullWithinMinutes", 1, 24 * 60),
        section.number("memoryRisePerMinute", 0.01, 100));
    section.requireNotBelow("cpuSeriousPercent", limits.cpuSeriousPercent, "cpuWarnPercent", limits.cpuWarnPercent);
    section.requireNotBelow("memorySeriousPercent", limits.memorySeriousPercent, "memoryWarnPercent", limits.memoryWarnPercent);
    section.requireNotBelow("errorRatioSerious", limits.errorRatioSerious, "errorRatioWarn", limits.errorRatioWarn);
    section.requireNotBelow("latencySeriousRatio", limits.latencySeriousRatio, "latencyWarnRatio", limits.latencyWarnRatio);
    section.finish();
    return limits;
  }
}
