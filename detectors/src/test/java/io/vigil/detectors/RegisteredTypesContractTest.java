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
}
