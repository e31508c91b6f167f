package io.vigil.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract every detector type must keep; a module tests its types by extending this class.
 * Series are generated from fixed seeds so a failure reproduces.
 */
public abstract class DetectorContractTest {

  private static final long START_MILLIS = 1_400_000_000_000L;
  private static final long STEP_MILLIS = 300_000L;

  /** The type under test. */
  protected abstract DetectorType type();

  /** Points per generated series; slow detectors may ask for fewer. */
  protected int length() {
    return 1500;
  }

  /** A noisy daily wave with a few spikes and a level shift, from a fixed seed. */
  protected static double[] wave(int n, long seed, double offset, double noise) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = offset + 10 * Math.sin(2 * Math.PI * i / 288.0) + noise * random.nextGaussian();
      if (i % 397 == 396) {
        values[i] += 15 * noise + 30;
      }
      if (i > n * 3 / 4) {
        values[i] += 25;
      }
    }
    return values;
  }

  protected static long[] regularTimes(int n) {
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      times[i] = START_MILLIS + i * STEP_MILLIS;
    }
    return times;
  }

  protected double[] scores(Detector detector, long[] times, double[] values, int from, int to) {
    double[] out = new double[to - from];
    for (int i = from; i < to; i++) {
      DetectionResult result = detector.update(times[i], values[i]);
      out[i - from] = result.score();
    }
    return out;
  }

  private static void assertAllInUnitInterval(double[] scores) {
    for (int i = 0; i < scores.length; i++) {
      assertThat(scores[i]).as("score of point %d", i).isBetween(0.0, 1.0);
    }
  }

  @Test
  void anObviousSpikeScoresAboveEveryQuietPoint() {
    // Quiet noise, then one value 50 standard deviations out: every detector must see it. A
    // detector that always answers 0 (or any constant) fails here. A shingled detector may see the
    // spike a few points late, so the highest score of the spike and the 8 points after counts.
    int n = Math.min(length(), 800);
    int spike = n - 20;
    SplittableRandom random = new SplittableRandom(11);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = 100 + random.nextGaussian();
    }
    values[spike] += 50;
    double[] all = scores(type().create(), regularTimes(n), values, 0, n);
    double quiet = 0;
    for (int i = n / 2; i < spike; i++) {
      quiet = Math.max(quiet, all[i]);
    }
    double atSpike = 0;
    for (int i = spike; i < Math.min(n, spike + 9); i++) {
      atSpike = Math.max(atSpike, all[i]);
    }
    assertThat(atSpike).as("score of a 50-sigma spike against the quiet points' highest, %s", quiet).isGreaterThan(quiet);
  }

  @Test
  void scoresStayInTheUnitInterval() {
    int n = length();
    double[] values = wave(n, 1, 50, 2);
    double[] scores = scores(type().create(), regularTimes(n), values, 0, n);
    assertAllInUnitInterval(scores);
  }

  @Test
  void futurePointsNeverChangePastScores() {
    int n = length();
    long[] times = regularTimes(n);
    double[] values = wave(n, 2, 50, 2);
    double[] changedFuture = values.clone();
    for (int i = n / 2; i < n; i++) {
      changedFuture[i] = -values[i] * 3;
    }
    double[] prefixOnly = scores(type().create(), times, values, 0, n / 2);
    double[] full = scores(type().create(), times, values, 0, n);
    double[] other = scores(type().create(), times, changedFuture, 0, n);
    assertThat(Arrays.copyOf(full, n / 2)).containsExactly(prefixOnly);
    assertThat(Arrays.copyOf(other, n / 2)).containsExactly(prefixOnly);
  }

  @Test
  void sameInputGivesSameScores() {
    int n = length();
    long[] times = regularTimes(n);
    double[] values = wave(n, 3, 50, 2);
    assertThat(scores(type().create(), times, values, 0, n)).containsExactly(scores(type().create(), times, values, 0, n));
  }

  @Test
  void restoredCheckpointContinuesWithIdenticalScores() {
    int n = length();
    long[] times = regularTimes(n);
    double[] values = wave(n, 4, 50, 2);
    Detector uninterrupted = type().create();
    double[] expected = scores(uninterrupted, times, values, 0, n);

    Detector first = type().create();
    scores(first, times, values, 0, n / 2);
    byte[] checkpoint = first.checkpoint();
    Detector restored = type().restore(checkpoint);
    double[] continued = scores(restored, times, values, n / 2, n);
    double[] original = scores(first, times, values, n / 2, n);

    assertThat(continued).containsExactly(Arrays.copyOfRange(expected, n / 2, n));
    assertThat(original).containsExactly(continued);
    assertThat(restored.checkpoint()).isEqualTo(first.checkpoint());
  }

  @Test
  void constantSeriesIsStable() {
    int n = length();
    double[] values = new double[n];
    Arrays.fill(values, 42.0);
    double[] scores = scores(type().create(), regularTimes(n), values, 0, n);
    assertAllInUnitInterval(scores);
  }

  @Test
  void hugeOffsetIsStable() {
    int n = length();
    double[] values = wave(n, 5, 1e9, 1);
    double[] scores = scores(type().create(), regularTimes(n), values, 0, n);
    assertAllInUnitInterval(scores);
  }

  @Test
  void gappyTimestampsAreStable() {
    int n = length();
    long[] times = regularTimes(n);
    for (int i = n / 3; i < n; i++) {
      times[i] += 9L * 24 * 3_600_000L; // a nine-day outage
    }
    for (int i = 2 * n / 3; i < n; i++) {
      times[i] += 37L * 3_600_000L;
    }
    double[] scores = scores(type().create(), times, wave(n, 6, 50, 2), 0, n);
    assertAllInUnitInterval(scores);
  }

  @Test
  void nonFiniteValuesAreRejected() {
    Detector detector = type().create();
    detector.update(START_MILLIS, 1.0);
    assertThatThrownBy(() -> detector.update(START_MILLIS + STEP_MILLIS, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void corruptCheckpointIsRejected() {
    assertThatThrownBy(() -> type().restore(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
  }
}
