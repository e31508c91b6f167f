package io.vigil.model;

/**
 * One value of one series at one time, as ingested.
 *
 * @param unit CloudWatch unit name such as {@code Percent}, or {@code None}
 */
public record MetricPoint(SeriesKey series, long timestampMillis, double value, String unit) {

  public MetricPoint {
    if (series == null) {
      throw new IllegalArgumentException("series must be set");
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, was " + value);
    }
    unit = unit == null || unit.isEmpty() ? "None" : unit;
  }
}
