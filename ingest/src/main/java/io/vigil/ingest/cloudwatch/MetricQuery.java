package io.vigil.ingest.cloudwatch;

import io.vigil.model.SeriesKey;

/** One series to collect with GetMetricData: which metric, with which statistic and period. */
public record MetricQuery(SeriesKey series, String statistic, int periodSeconds) {

  public long periodMillis() {
    return periodSeconds * 1000L;
  }
}
