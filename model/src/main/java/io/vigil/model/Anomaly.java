package io.vigil.model;

/**
 * A point the detection stage judged anomalous.
 *
 * @param id stable id derived from series and timestamp, so a re-emitted anomaly de-duplicates
 * @param detector the detector component that fired
 */
public record Anomaly(
    String id,
    SeriesKey series,
    String service,
    long timestampMillis,
    double value,
    double score,
    double lower,
    double upper,
    Severity severity,
    String detector) {

  /** The id of the anomaly of {@code series} at {@code timestampMillis}. */
  public static String idFor(String seriesId, long timestampMillis) {
    return "a-" + seriesId.substring(2) + "-" + Long.toString(timestampMillis, 36);
  }

  public String seriesId() {
    return series.id();
  }
}
