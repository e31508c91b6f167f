package io.vigil.detectors.baseline;

import io.vigil.detectors.Detector;
import io.vigil.detectors.DetectorType;

/** The detector type {@code robust}: a level-and-spread baseline, cheap and easy to reason about. */
public final class RobustBaselineType implements DetectorType {

  @Override
  public String name() {
    return "robust";
  }

  @Override
  public Detector create() {
    return new RobustBaselineDetector(new RobustBaselineState(0, 0.0, 0.0));
  }

  @Override
  public Detector restore(byte[] checkpoint) {
    return new RobustBaselineDetector(RobustBaselineStateMapper.fromBytes(checkpoint));
  }
}
