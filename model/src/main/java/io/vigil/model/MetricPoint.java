package io.vigil.model;

/**
 * One value of one series at one time, as ingested.
 *
 * @param unit CloudWatch unit name such as {@code Percent}, or {@code None}
 * @param history whether the point is history (a replay, a backfill, a first read reaching back):
 *     it is scored like any other, but what it raises never pages
 */
public record MetricPoint(SeriesKey series, long timestampMillis, double value, String unit, boolean history) {

  public MetricPoint {
    if (series == null) {
      throw new IllegalArgumentException("series must be set");
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, was " + value);
    }
    unit = unit == null || unit.isEmpty() ? "None" : unit;
  }

  /** A live point (not history). */
  public MetricPoint(SeriesKey series, long timestampMillis, double value, String unit) {
    this(series, timestampMillis, value, unit, false);
  }

  /** This point marked as history. */
  public MetricPoint asHistory() {
    return history ? this : new MetricPoint(series, timestampMillis, value, unit, true);
  }
}
