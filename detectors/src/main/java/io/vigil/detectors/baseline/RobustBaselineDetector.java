package io.vigil.detectors.baseline;

import io.vigil.detectors.DetectionResult;
import io.vigil.detectors.Detector;
import org.apache.commons.math3.special.Erf;

/** Scores each point by how far it lies from an exponentially weighted level, in robust spread units. */
public final class RobustBaselineDetector implements Detector {

  static final String COMPONENT = "robust-level";
  private static final double ALPHA = 0.01;
  private static final int WARM_UP = 10;
  /** Mean absolute deviation of a normal variable is sigma * sqrt(2/pi). */
  private static final double MAD_TO_SIGMA = Math.sqrt(Math.PI / 2.0);

  private long count;
  private double level;
  private double meanAbsDeviation;

  RobustBaselineDetector(RobustBaselineState state) {
    this.count = state.count();
    this.level = state.level();
    this.meanAbsDeviation = state.meanAbsDeviation();
  }

  @Override
  public DetectionResult update(long timestampMillis, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, was " + value);
    }
    if (count == 0) {
      level = value;
      count = 1;
      return new DetectionResult(0.0, value, value, COMPONENT);
    }
    double sigma = meanAbsDeviation * MAD_TO_SIGMA + 1e-9 * Math.abs(level) + Double.MIN_NORMAL;
    double deviation = value - level;
    double z = Math.abs(deviation) / sigma;
    double score = count < WARM_UP ? 0.0 : 1.0 - Erf.erfc(z / Math.sqrt(2.0));
    double lower = level - 3.0 * sigma;
    double upper = level + 3.0 * sigma;
    // Clipping the deviation that feeds the spread keeps one outlier from inflating it.
    double clipped = Math.min(Math.abs(deviation), 5.0 * sigma);
    double alpha = Math.max(ALPHA, 1.0 / (count + 1));
    level += alpha * Math.signum(deviation) * Math.min(Math.abs(deviation), 3.0 * sigma);
    meanAbsDeviation += alpha * (clipped - meanAbsDeviation);
    count++;
    return new DetectionResult(Math.max(0.0, Math.min(1.0, score)), lower, upper, COMPONENT);
  }

  public RobustBaselineState state() {
    return new RobustBaselineState(count, level, meanAbsDeviation);
  }

  @Override
  public byte[] checkpoint() {
    return RobustBaselineStateMapper.toBytes(state());
  }
}
