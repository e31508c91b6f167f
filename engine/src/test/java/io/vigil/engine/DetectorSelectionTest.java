package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.ConfigException;
import io.vigil.config.DetectionConfig;
import io.vigil.detectors.ensemble.DefaultDetectorType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's detector comes from detection.detector with detection.settings applied. */
class DetectorSelectionTest {

  private static DetectionConfig detection(String detector, Map<String, String> settings) {
    return new DetectionConfig(detector, settings, 0.9, 0.98, 10, 0);
  }

  @Test
  void settingsAreAppliedToTheNamedType() {
    DefaultDetectorType type = (DefaultDetectorType) VigilEngine.detectorType(detection("default", Map.of("cusumUnit", "4")));
    assertThat(type.config().cusumUnit()).isEqualTo(4.0);
  }

  @Test
  void aBadNameOrSettingFailsNamingTheKey() {
    assertThatThrownBy(() -> VigilEngine.detectorType(detection("defualt", Map.of())))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("detection.detector: unknown detector 'defualt'");
    assertThatThrownBy(() -> VigilEngine.detectorType(detection("default", Map.of("slowAlpha", "2"))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("detection.settings: slowAlpha must be in (0, 1]");
  }
}
