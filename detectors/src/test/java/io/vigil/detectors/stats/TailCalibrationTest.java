package io.vigil.detectors.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TailCalibrationTest {

  private final float[] slice = new float[TailCalibration.SLICE];

  @Test
  void tailProbabilityFollowsTheObservedDistribution() {
    TailCalibration.reset(slice, 0);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 20_000; i++) {
      TailCalibration.observe(slice, 0, Math.abs(random.nextGaussian()), 0.9995);
    }
    // |N(0,1)| exceeds 0.674 half the time and 1.96 five percent of the time; bins are coarse.
    assertThat(TailCalibration.tailProbability(slice, 0, 0.674)).isCloseTo(0.5, within(0.06));
    assertThat(TailCalibration.tailProbability(slice, 0, 1.96)).isCloseTo(0.05, within(0.02));
  }

  @Test
  void largerRawScoresNeverGetLargerTailProbabilities() {
    TailCalibration.reset(slice, 0);
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 5_000; i++) {
      TailCalibration.observe(slice, 0, random.nextDouble() * 5, 0.999);
    }
    double previous = 1.0;
    for (double raw = 0; raw < 1000; raw = raw * 1.1 + 0.01) {
      double p = TailCalibration.tailProbability(slice, 0, raw);
      assertThat(p).isLessThanOrEqualTo(previous).isGreaterThanOrEqualTo(0.0);
      previous = p;
    }
  }

  @Test
  void weightRescalingKeepsProbabilitiesOverLongRuns() {
    TailCalibration.reset(slice, 0);
    for (int i = 0; i < 300_000; i++) {
      TailCalibration.observe(slice, 0, (i % 10) / 10.0, 0.999);
    }
    assertThat(slice[TailCalibration.BINS + 1]).isFinite().isLessThan(1.1e30f);
    assertThat(TailCalibration.tailProbability(slice, 0, 0.45)).isCloseTo(0.55, within(0.1));
  }

  @Test
  void aPartialObservationCountsForItsShare() {
    TailCalibration.reset(slice, 0);
    for (int i = 0; i < 100; i++) {
      TailCalibration.observe(slice, 0, 1.0, 1.0);
    }
    TailCalibration.observe(slice, 0, 50.0, 1.0, 0.25);
    // 0.25 of 100.25 observations lie above 10, plus the tiny e^-10 prior.
    assertThat(TailCalibration.tailProbability(slice, 0, 10.0)).isCloseTo(0.25 / 101.25, within(1e-4));
  }
}
