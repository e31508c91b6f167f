package io.vigil.detectors;

/**
 * The score of one point.
 *
 * @param score anomaly score in [0, 1]; higher is more anomalous
 * @param lower lower edge of the band the detector expected the value in
 * @param upper upper edge of that band
 * @param component name of the component that drove the score (for an ensemble, the one that fired)
 */
public record DetectionResult(double score, double lower, double upper, String component) {

  public DetectionResult {
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("score must be in [0, 1], was " + score);
    }
    if (component == null || component.isEmpty()) {
      throw new IllegalArgumentException("component must be named");
    }
  }
}
