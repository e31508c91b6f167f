package io.vigil.model;

/**
 * A point after detection: its value, the detector's score and the band it expected; or, for a point
 * that arrived after later ones of its series were scored, its value marked {@link #late()}.
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

  /** The detector name of a point that arrived too late to be scored in time order. */
  public static final String LATE = "late";

  /** A point kept and shown but not scored: it came after later points of its series were scored. */
  public static ScoredPoint late(SeriesKey series, String service, long timestampMillis, double value) {
    return new ScoredPoint(series, service, timestampMillis, value, 0, value, value, LATE);
  }

  public String seriesId() {
    return series.id();
  }

  /** Whether this point arrived too late to be scored. */
  public boolean late() {
    return LATE.equals(detector);
  }
}
