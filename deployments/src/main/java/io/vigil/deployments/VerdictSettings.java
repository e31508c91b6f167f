package io.vigil.deployments;

import java.util.Map;
import java.util.Set;

/**
 * How verification judges: the test's significance level, the smallest effect that matters, the
 * score thresholds, each metric's direction and weight, which metrics are load and which follow it.
 *
 * @param minSamples values each window needs for a metric to be judged; fewer: too few samples
 * @param alpha the Mann-Whitney U test's significance level (two-sided)
 * @param minEffectSize the smallest |Cliff's delta| that counts (0.33 is a "medium" effect)
 * @param passScore a score at or above this, with every weighted metric judged, passes
 * @param failScore a score below this fails; between the two is marginal
 * @param directions metric name to the way it gets worse; a metric not listed is neutral
 * @param weights metric name to its importance; a metric not listed weighs {@code defaultWeight}
 * @param loadMetrics metrics that measure load (RequestCount)
 * @param loadSensitive metrics whose rise the load's rise explains (CPUUtilization, MemoryUtilization)
 */
public record VerdictSettings(int minSamples, double alpha, double minEffectSize, double passScore, double failScore,
    Map<String, Direction> directions, Map<String, Double> weights, double defaultWeight, Set<String> loadMetrics, Set<String> loadSensitive,
    double newLogPatternWeight, double diagnosticWeight, double failedCheckWeight) {

  public VerdictSettings {
    if (minSamples < 2) {
      throw new IllegalArgumentException("minSamples must be at least 2, was " + minSamples);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be between 0 and 1, was " + alpha);
    }
    if (!(minEffectSize >= 0 && minEffectSize <= 1)) {
      throw new IllegalArgumentException("minEffectSize must be from 0 to 1, was " + minEffectSize);
    }
    if (!(failScore >= 0 && failScore <= passScore && passScore <= 100)) {
      throw new IllegalArgumentException("need 0 <= failScore <= passScore <= 100, were " + failScore + " and " + passScore);
    }
    directions = Map.copyOf(directions);
    weights = Map.copyOf(weights);
    loadMetrics = Set.copyOf(loadMetrics);
    loadSensitive = Set.copyOf(loadSensitive);
  }

  /** The default table: latency and errors weigh most, CPU and memory follow load, request count is load. */
  public static final Map<String, Direction> DEFAULT_DIRECTIONS = Map.ofEntries(
      Map.entry("TargetResponseTime", Direction.HIGHER_IS_WORSE),
      Map.entry("Latency", Direction.HIGHER_IS_WORSE),
      Map.entry("HTTPCode_Target_5XX_Count", Direction.HIGHER_IS_WORSE),
      Map.entry("HTTPCode_ELB_5XX_Count", Direction.HIGHER_IS_WORSE),
      Map.entry("HTTPCode_Backend_5XX", Direction.HIGHER_IS_WORSE),
      Map.entry("5XXError", Direction.HIGHER_IS_WORSE),
      Map.entry("Errors", Direction.HIGHER_IS_WORSE),
      Map.entry("CPUUtilization", Direction.HIGHER_IS_WORSE),
      Map.entry("MemoryUtilization", Direction.HIGHER_IS_WORSE),
      Map.entry("UnHealthyHostCount", Direction.HIGHER_IS_WORSE),
      Map.entry("HealthyHostCount", Direction.LOWER_IS_WORSE),
      Map.entry("RequestCount", Direction.NEUTRAL));

  public static final Map<String, Double> DEFAULT_WEIGHTS = Map.of(
      "TargetResponseTime", 3.0, "Latency", 3.0, "HTTPCode_Target_5XX_Count", 3.0, "HTTPCode_ELB_5XX_Count", 3.0,
      "HTTPCode_Backend_5XX", 3.0, "5XXError", 3.0, "Errors", 3.0, "UnHealthyHostCount", 2.0, "HealthyHostCount", 2.0);

  /** The defaults every table and threshold of the {@code deployments} section starts from. */
  public static VerdictSettings defaults() {
    return new VerdictSettings(10, 0.01, 0.33, 95, 75, DEFAULT_DIRECTIONS, DEFAULT_WEIGHTS, 1.0, Set.of("RequestCount"),
        Set.of("CPUUtilization", "MemoryUtilization"), 1.0, 3.0, 3.0);
  }

  public Direction direction(String metric) {
    return directions.getOrDefault(metric, Direction.NEUTRAL);
  }

  /** A neutral metric weighs nothing, whatever the table says. */
  public double weight(String metric) {
    return direction(metric) == Direction.NEUTRAL ? 0 : weights.getOrDefault(metric, defaultWeight);
  }
}
