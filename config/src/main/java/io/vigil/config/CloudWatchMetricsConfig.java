package io.vigil.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/**
 * The CloudWatch metrics source: what to discover with ListMetrics and how to collect it with
 * GetMetricData.
 *
 * @param trailingWindowMinutes every poll re-reads this much history, so late datapoints are seen
 * @param settleSeconds a datapoint is emitted once its period ended this long ago; younger ones
 *     may still be revised by CloudWatch
 * @param maxCatchUpMinutes how far back the first poll (or the first after a long outage) reads
 */
public record CloudWatchMetricsConfig(
    boolean enabled,
    int pollIntervalSeconds,
    int discoveryIntervalMinutes,
    int trailingWindowMinutes,
    int settleSeconds,
    int maxCatchUpMinutes,
    int maxQueriesPerCall,
    List<Target> metrics) {

  /** Statistics GetMetricData accepts by name (percentiles such as p99 are accepted too). */
  static final Set<String> STATISTICS = Set.of("Average", "Sum", "Minimum", "Maximum", "SampleCount");

  public CloudWatchMetricsConfig {
    metrics = List.copyOf(metrics);
  }

  /**
   * One namespace to watch.
   *
   * @param metricNames empty for every metric of the namespace
   * @param dimensions filters: a name with a value matches that value, with "" any value
   */
  public record Target(String namespace, List<String> metricNames, SortedMap<String, String> dimensions, String statistic, int periodSeconds) {

    public Target {
      metricNames = List.copyOf(metricNames);
      dimensions = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(dimensions));
    }

    static Target from(ConfigSection section) {
      String namespace = section.nonEmptyString("namespace").trim();
      List<String> names = section.strings("metricNames");
      SortedMap<String, String> dimensions = section.stringMap("dimensions");
      if (dimensions.size() > 10) {
        throw new ConfigException(section.keyOf("dimensions"), "may have at most 10 filters (CloudWatch's limit), has " + dimensions.size());
      }
      String statistic = section.nonEmptyString("statistic").trim();
      if (!STATISTICS.contains(statistic) && !statistic.matches("p\\d{1,2}(\\.\\d+)?|p100")) {
        throw new ConfigException(section.keyOf("statistic"), "must be one of " + new java.util.TreeSet<>(STATISTICS) + " or a percentile such as p99, was \"" + statistic + "\"");
      }
      int period = section.integer("periodSeconds", 1, 86_400);
      if (period != 1 && period != 5 && period != 10 && period != 30 && period % 60 != 0) {
        throw new ConfigException(section.keyOf("periodSeconds"), "must be 1, 5, 10, 30 or a multiple of 60, was " + period);
      }
      section.finish();
      return new Target(namespace, names, dimensions, statistic, period);
    }
  }

  static CloudWatchMetricsConfig from(ConfigSection section) {
    boolean enabled = section.bool("enabled");
    int poll = section.integer("pollIntervalSeconds", 1, 3600);
    int discovery = section.integer("discoveryIntervalMinutes", 1, 24 * 60);
    int window = section.integer("trailingWindowMinutes", 1, 24 * 60);
    int settle = section.integer("settleSeconds", 0, 3600);
    int catchUp = section.integer("maxCatchUpMinutes", 1, 15 * 24 * 60);
    int maxQueries = section.integer("maxQueriesPerCall", 1, 500);
    JsonObject defaults = section.rawSection("metricDefaults");
    List<Target> targets = section.sections("metrics", defaults).stream().map(Target::from).toList();
    if (catchUp < window) {
      throw new ConfigException(section.keyOf("maxCatchUpMinutes"), "must be at least trailingWindowMinutes (" + window + "), was " + catchUp);
    }
    section.finish();
    return new CloudWatchMetricsConfig(enabled, poll, discovery, window, settle, catchUp, maxQueries, targets);
  }
}
