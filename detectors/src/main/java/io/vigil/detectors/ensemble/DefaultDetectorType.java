package io.vigil.detectors.ensemble;

import io.vigil.detectors.Detector;
import io.vigil.detectors.DetectorType;
import io.vigil.detectors.baseline.RobustBaselineType;

/** The detector type {@code default}; for now the robust baseline, until the ensemble replaces it. */
public final class DefaultDetectorType implements DetectorType {

  private final DetectorType delegate = new RobustBaselineType();

  @Override
  public String name() {
    return "default";
  }

  @Override
  public Detector create() {
    return delegate.create();
  }

  @Override
  public Detector restore(byte[] checkpoint) {
    return delegate.restore(checkpoint);
  }
}
