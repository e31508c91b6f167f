package io.vigil.detectors.rcf;

import com.amazon.randomcutforest.parkservices.AnomalyDescriptor;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import io.vigil.detectors.DetectionResult;
import io.vigil.detectors.Detector;

/**
 * Adapts a ThresholdedRandomCutForest to {@link Detector}. The score is the raw RCF anomaly score s
 * squashed to {@code s/(1+s)}, as NAB's published RCF run ranked raw scores; the forest's own
 * anomaly grade saturates at 1 on many points and would tie them, so it only breaks ties.
 */
final class RcfDetector implements Detector {

  private static final String COMPONENT = "rcf";
  private final ThresholdedRandomCutForest forest;

  RcfDetector(ThresholdedRandomCutForest forest) {
    this.forest = forest;
  }

  @Override
  public DetectionResult update(long timestampMillis, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, was " + value);
    }
    AnomalyDescriptor descriptor = forest.process(new double[] {value}, timestampMillis);
    double grade = descriptor.getAnomalyGrade();
    double raw = Math.max(0.0, descriptor.getRCFScore());
    double squashed = raw / (1.0 + raw);
    double score = Math.min(1.0, squashed + 1e-6 * Math.min(1.0, Math.max(0.0, grade)) * (1.0 - squashed));
    // The forest does not expose an expected band per point cheaply; report the value itself.
    return new DetectionResult(score, value, value, COMPONENT);
  }

  @Override
  public byte[] checkpoint() {
    return RcfCheckpoints.toBytes(forest);
  }
}
