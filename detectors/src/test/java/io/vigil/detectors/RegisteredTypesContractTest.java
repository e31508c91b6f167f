package io.vigil.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Runs the detector contract against every type this module registers. */
class RegisteredTypesContractTest {

  @Test
  void registryFindsThisModulesTypes() {
    assertThat(DetectorRegistry.load().names()).contains("default", "robust");
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
