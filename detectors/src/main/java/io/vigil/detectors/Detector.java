package io.vigil.detectors;

/**
 * A streaming anomaly detector for one series: fed points in time order, it scores each one
 * using only the points up to and including it.
 *
 * <p>Instances are not thread-safe; one series' detector is owned by one thread at a time.
 */
public interface Detector {

  /**
   * Feeds the next point of the series and scores it.
   *
   * @param timestampMillis epoch milliseconds; callers feed non-decreasing timestamps
   * @param value a finite value
   */
  DetectionResult update(long timestampMillis, double value);

  /** The detector's state encoded by its mapper; {@link DetectorType#restore} turns it back into an identical detector. */
  byte[] checkpoint();
}
