package io.vigil.detectors.ensemble;

import io.vigil.detectors.Detector;
import io.vigil.detectors.DetectorType;

/** The detector type {@code default}: the calibrated ensemble with {@link DefaultDetectorConfig#DEFAULTS}. */
public final class DefaultDetectorType implements DetectorType {

  private final DefaultDetectorConfig config;

  /** The type with the default configuration, as ServiceLoader builds it. */
  public DefaultDetectorType() {
    this(DefaultDetectorConfig.DEFAULTS);
  }

  public DefaultDetectorType(DefaultDetectorConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "default";
  }

  @Override
  public Detector create() {
    return new DefaultDetector(config, DefaultDetector.emptyState());
  }

  @Override
  public Detector restore(byte[] checkpoint) {
    return new DefaultDetector(config, DefaultDetectorStateMapper.fromBytes(checkpoint));
  }
}
