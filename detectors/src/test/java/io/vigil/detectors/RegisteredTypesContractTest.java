package io.vigil.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Runs the detector contract against every type this module registers. */
class RegisteredTypesContractTest {

  @Test
  void registryFindsThisModulesTypes() {
    assertThat(DetectorRegistry.load().names()).contains("default", "robust");
  }

  @Test
  void aTypeWithoutSettingsAcceptsNone() {
    DetectorType robust = DetectorRegistry.load().byName("robust");
    assertThat(robust.withSettings(Map.of())).isSameAs(robust);
    assertThatThrownBy(() -> robust.withSettings(Map.of("window", "10")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("detector 'robust' has no settings, got window");
  }

  @Nested
  class DefaultType extends DetectorContractTest {
    @Override
    protected DetectorType type() {
      return DetectorRegistry.load().byName("default");
    }
  }

  @Nested
  class RobustType extends DetectorContractTest {
    @Override
    protected DetectorType type() {
      return DetectorRegistry.load().byName("robust");
    }
  }

  @Test
  void theContractRefusesADetectorThatAlwaysAnswersZero() {
    DetectorType zero = new DetectorType() {
      @Override
      public String name() {
        return "zero";
      }

      @Override
      public Detector create() {
        return new Detector() {
          @Override
          public DetectionResult update(long timestampMillis, double value) {
            return new DetectionResult(0, value, value, "zero");
          }

          @Override
          public byte[] checkpoint() {
            return new byte[0];
          }
        };
      }

      @Override
      public Detector restore(byte[] checkpoint) {
        return create();
      }
    };
    DetectorContractTest contract = new DetectorContractTest() {
      @Override
      protected DetectorType type() {
        return zero;
      }
    };
    assertThatThrownBy(contract::anObviousSpikeScoresAboveEveryQuietPoint).isInstanceOf(AssertionError.class);
  }
}
