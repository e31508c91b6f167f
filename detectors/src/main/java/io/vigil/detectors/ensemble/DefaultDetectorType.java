package io.vigil.detectors.ensemble;

import io.vigil.detectors.Detector;
import io.vigil.detectors.DetectorType;
import java.util.Map;

/** The detector type {@code default}: the calibrated ensemble with {@link DefaultDetectorConfig#DEFAULTS}. */
public final class DefaultDetectorType implements DetectorType {

  private final DefaultDetectorConfig config;
  private final double[] viewFactors;

  /** The type with the default configuration, as ServiceLoader builds it. */
  public DefaultDetectorType() {
    this(DefaultDetectorConfig.DEFAULTS);
  }

  public DefaultDetectorType(DefaultDetectorConfig config) {
    this.config = config;
    this.viewFactors = config.viewFactors();
  }

  @Override
  public String name() {
    return "default";
  }

  @Override
  public Detector create() {
    return new DefaultDetector(config, viewFactors, DefaultDetector.emptyState());
  }

  /** The type with {@link DefaultDetectorConfig#withSettings} applied to its configuration. */
  @Override
  public DetectorType withSettings(Map<String, String> settings) {
    return settings.isEmpty() ? this : new DefaultDetectorType(config.withSettings(settings));
  }

  /** The configuration its detectors use. */
  public DefaultDetectorConfig config() {
    return config;
  }

  @Override
  public Detector restore(byte[] checkpoint) {
    return new DefaultDetector(config, viewFactors, DefaultDetectorStateMapper.fromBytes(checkpoint));
  }
}
