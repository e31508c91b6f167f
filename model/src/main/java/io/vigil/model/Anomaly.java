package io.vigil.model;

/**
 * A point the detection stage judged anomalous.
 *
 * @param id stable id derived from series and timestamp, so a re-emitted anomaly de-duplicates
 * @param detector the detector component that fired
 * @param periodMillis the series' cadence as detection estimated it (the usual gap between its
 *     points), 0 when not known yet
 * @param history raised on a history point (a replay or backfill): shown, never paged
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
    String detector,
    long periodMillis,
    boolean history) {

  /** An anomaly of a series whose cadence is not known, on a live point. */
  public Anomaly(String id, SeriesKey series, String service, long timestampMillis, double value, double score,
      double lower, double upper, Severity severity, String detector) {
    this(id, series, service, timestampMillis, value, score, lower, upper, severity, detector, 0, false);
  }

  /** The id of the anomaly of {@code series} at {@code timestampMillis}. */
  public static String idFor(String seriesId, long timestampMillis) {
    return "a-" + seriesId.substring(2) + "-" + Long.toString(timestampMillis, 36);
  }

  /** The anomaly of a scored point, with the id derived from its series and time. */
  public static Anomaly of(ScoredPoint point, Severity severity) {
    return of(idFor(point.seriesId(), point.timestampMillis()), point, severity);
  }

  static Anomaly of(String id, ScoredPoint point, Severity severity) {
    return new Anomaly(id, point.series(), point.service(), point.timestampMillis(), point.value(), point.score(),
        point.lower(), point.upper(), severity, point.detector());
  }

  /** This anomaly with the series' cadence and the history mark of the point it was raised on. */
  public Anomaly withOrigin(long periodMillis, boolean history) {
    return new Anomaly(id, series, service, timestampMillis, value, score, lower, upper, severity, detector, periodMillis, history);
  }

  /** The scored point this anomaly was raised on. */
  public ScoredPoint scoredPoint() {
    return new ScoredPoint(series, service, timestampMillis, value, score, lower, upper, detector);
  }

  public String seriesId() {
    return series.id();
  }
}
