package io.vigil.detectors.rcf;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detectors.DetectorContractTest;
import io.vigil.detectors.DetectorRegistry;
import io.vigil.detectors.DetectorType;
import org.junit.jupiter.api.Test;

/** The detector contract for the Random Cut Forest peer, found through the registry. */
class RcfContractTest extends DetectorContractTest {

  @Override
  protected DetectorType type() {
    return DetectorRegistry.load().byName("rcf");
  }

  @Override
  protected int length() {
    return 600; // the forest is slow; 600 points still pass its 256-point warm-up
  }

  @Test
  void registeredUnderItsName() {
    assertThat(DetectorRegistry.load().names()).contains("rcf", "default");
  }
}
