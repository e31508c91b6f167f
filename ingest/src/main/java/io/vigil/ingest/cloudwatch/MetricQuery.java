package io.vigil.ingest.cloudwatch;

import io.vigil.model.SeriesKey;
import java.util.TreeMap;

/**
 * One series to collect with GetMetricData: which CloudWatch metric, with which statistic and
 * period. The {@link #DEFAULT_STATISTIC} keeps the metric's own identity as the series; any other
 * statistic adds the dimension {@link #STATISTIC_DIMENSION}, so the Average and the Maximum of one
 * metric are two series (with their own detectors) rather than one series fed both.
 *
 * @param metric the CloudWatch metric as GetMetricData names it (namespace, name, dimensions)
 */
public record MetricQuery(SeriesKey metric, String statistic, int periodSeconds) {

  /** The statistic whose series carry no statistic dimension (and so keep the ids they always had). */
  public static final String DEFAULT_STATISTIC = "Average";
  /** The dimension that names any other statistic in a series' identity. */
  public static final String STATISTIC_DIMENSION = "Statistic";

  /** The series the datapoints are written to. */
  public SeriesKey series() {
    if (DEFAULT_STATISTIC.equals(statistic)) {
      return metric;
    }
    TreeMap<String, String> dimensions = new TreeMap<>(metric.dimensions());
    dimensions.put(STATISTIC_DIMENSION, statistic);
    return new SeriesKey(metric.namespace(), metric.metric(), dimensions);
  }

  public long periodMillis() {
    return periodSeconds * 1000L;
  }
}
