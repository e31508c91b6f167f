package io.vigil.model;

/**
 * A point after detection: its value, the detector's score and the band it expected.
 *
 * @param service the service the series belongs to, or empty when none of its dimensions names one
 */
public record ScoredPoint(
    SeriesKey series,
    String service,
    long timestampMillis,
    double value,
    double score,
    double lower,
    double upper,
    String detector) {

  public String seriesId() {
    return series.id();
  }
}
