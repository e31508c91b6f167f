package io.vigil.detectors.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.detectors.Detector;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Behaviour specific to the default ensemble. */
class DefaultDetectorTest {

  private static final long T0 = 1_400_000_000_000L;

  private static double[] run(Detector detector, double[] values) {
    double[] scores = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      scores[i] = detector.update(T0 + i * 300_000L, values[i]).score();
    }
    return scores;
  }

  private static double[] noisyWave(int n, double offset, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = offset + 5 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian();
    }
    return values;
  }

  @Test
  void spikeOnAHugeOffsetGetsTheTopScore() {
    double[] values = noisyWave(3000, 1e9, 1);
    values[2500] += 25;
    double[] scores = run(new DefaultDetectorType().create(), values);
    double otherwise = Arrays.stream(scores, 0, 2500).max().orElseThrow();
    assertThat(scores[2500]).isGreaterThan(otherwise);
  }

  @Test
  void levelShiftIsFlaggedSoonAfterItStarts() {
    double[] values = noisyWave(3000, 100, 2);
    for (int i = 2000; i < values.length; i++) {
      values[i] += 8;
    }
    double[] scores = run(new DefaultDetectorType().create(), values);
    double before = Arrays.stream(scores, 500, 2000).max().orElseThrow();
    double after = Arrays.stream(scores, 2000, 2030).max().orElseThrow();
    assertThat(after).isGreaterThan(before);
  }

  @Test
  void constantSeriesScoresZeroUntilItChanges() {
    double[] values = new double[1000];
    Arrays.fill(values, 7.0);
    values[900] = 8.0;
    double[] scores = run(new DefaultDetectorType().create(), values);
    assertThat(Arrays.stream(scores, 0, 900).max().orElseThrow()).isEqualTo(0.0);
    assertThat(scores[900]).isGreaterThan(0.5);
  }

  @Test
  void alarmSuppressesTheFollowingPoints() {
    double[] values = noisyWave(3000, 100, 3);
    values[2000] += 30;
    values[2010] += 30;
    double[] scores = run(new DefaultDetectorType().create(), values);
    assertThat(scores[2010]).isLessThan(scores[2000]);
  }

  @Test
  void burstAfterAnAlarmIsNotAlarmedAgain() {
    double[] values = noisyWave(3000, 100, 5);
    for (int i = 2000; i < 2004; i++) {
      values[i] += 40;
    }
    double[] scores = run(new DefaultDetectorType().create(), values);
    assertThat(scores[2000]).isGreaterThanOrEqualTo(DefaultDetector.ALARM_SCORE);
    assertThat(Arrays.stream(scores, 2001, 2004).max().orElseThrow()).isLessThan(DefaultDetector.ALARM_SCORE);
  }

  @Test
  void versionOneCheckpointsStillRestore() {
    Detector detector = new DefaultDetectorType().create();
    run(detector, noisyWave(500, 100, 6));
    byte[] current = detector.checkpoint();
    // Version 1 had no last-alarm field: the 8 bytes after version, count and suppression.
    byte[] versionOne = new byte[current.length - 8];
    System.arraycopy(current, 0, versionOne, 0, 13);
    System.arraycopy(current, 21, versionOne, 13, current.length - 21);
    versionOne[0] = 1;
    DefaultDetectorState restored = DefaultDetectorStateMapper.fromBytes(versionOne);
    assertThat(restored.lastAlarmDecades()).isZero();
    assertThat(restored.count()).isEqualTo(500);
    assertThat(restored.calibration()).isEqualTo(DefaultDetectorStateMapper.fromBytes(current).calibration());
  }

  /** Ordinary points N(50, 1) at one-minute steps from {@code startMillis}, then one spike to 95; the spike's score. */
  private static double spikeAfter(int ordinaryPoints, long startMillis, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Detector detector = new DefaultDetectorType().create();
    for (int i = 0; i < ordinaryPoints; i++) {
      detector.update(startMillis + i * 60_000L, 50.0 + random.nextGaussian());
    }
    return detector.update(startMillis + ordinaryPoints * 60_000L, 95.0).score();
  }

  @Test
  void spikeAfterThreeHundredOrdinaryPointsReachesTheAlarmScore() {
    // The engine's end-to-end case: 2026-11-29T00:00Z, seed 7.
    assertThat(spikeAfter(300, 1_795_910_400_000L, 7)).isGreaterThanOrEqualTo(DefaultDetector.ALARM_SCORE);
    for (long seed = 1; seed <= 20; seed++) {
      long arbitraryStart = 1_700_000_000_000L + seed * 987_654_321L;
      assertThat(spikeAfter(300, arbitraryStart, seed)).as("seed %d", seed)
          .isGreaterThanOrEqualTo(DefaultDetector.ALARM_SCORE);
    }
  }

  @Test
  void spikeAfterAShortWarmUpReachesTheAlarmScore() {
    for (long seed = 1; seed <= 20; seed++) {
      long arbitraryStart = 1_600_000_000_000L + seed * 123_456_789L;
      assertThat(spikeAfter(100, arbitraryStart, seed)).as("seed %d", seed)
          .isGreaterThanOrEqualTo(DefaultDetector.ALARM_SCORE);
    }
  }

  @Test
  void scoreIsTheAlarmScoreExactlyAtTheAlarmLevel() {
    double alarm = DefaultDetectorConfig.DEFAULTS.alarmDecades();
    assertThat(DefaultDetector.scoreOf(alarm, alarm)).isCloseTo(DefaultDetector.ALARM_SCORE, within(1e-12));
    assertThat(DefaultDetector.scoreOf(0.5 * alarm, alarm)).isLessThan(DefaultDetector.ALARM_SCORE);
    assertThat(DefaultDetector.scoreOf(20 * alarm, alarm)).isLessThanOrEqualTo(1.0);
  }

  @Test
  void checkpointStaysSmall() {
    Detector detector = new DefaultDetectorType().create();
    run(detector, noisyWave(5000, 100, 4));
    assertThat(detector.checkpoint().length).isLessThan(1500);
  }
}
