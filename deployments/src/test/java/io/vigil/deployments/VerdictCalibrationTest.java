package io.vigil.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * How often the verdict is wrong on seeded synthetic deployments of the demo's shape (30 minutes
 * of baseline and 15 after at one value per 30 s: 60 and 30 values; latency, 5xx, CPU and memory):
 * on pure noise it must almost always pass, and a latency shift of two standard deviations or more
 * must almost always fail. The rates are printed, so the command that runs this test reproduces
 * them.
 */
class VerdictCalibrationTest {

  private static final int RUNS = 1000;
  private final VerdictJudge judge = new VerdictJudge(VerdictSettings.defaults());

  private static double[] gaussian(SplittableRandom random, int n, double mean, double sd) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = mean + sd * random.nextGaussian();
    }
    return values;
  }

  /** The share of {@code RUNS} seeded deployments, latency shifted by {@code shiftSds} standard deviations, with each result. */
  private double[] rates(double shiftSds, long seed) {
    int[] counts = new int[3];
    for (int run = 0; run < RUNS; run++) {
      SplittableRandom random = new SplittableRandom(seed + run);
      List<MetricSamples> series = List.of(
          new MetricSamples("TargetResponseTime", "lat", gaussian(random, 60, 0.15, 0.01), gaussian(random, 30, 0.15 + shiftSds * 0.01, 0.01)),
          new MetricSamples("HTTPCode_Target_5XX_Count", "5xx", gaussian(random, 60, 1, 0.5), gaussian(random, 30, 1, 0.5)),
          new MetricSamples("CPUUtilization", "cpu", gaussian(random, 60, 30, 2), gaussian(random, 30, 30, 2)),
          new MetricSamples("MemoryUtilization", "mem", gaussian(random, 60, 55, 0.5), gaussian(random, 30, 55, 0.5)));
      counts[judge.judge(series, List.of()).result().ordinal()]++;
    }
    return new double[] {counts[0] / (double) RUNS, counts[1] / (double) RUNS, counts[2] / (double) RUNS};
  }

  @Test
  void noisePassesAndAShiftOfTwoStandardDeviationsFails() {
    double[] noise = rates(0, 1);
    double[] one = rates(1, 100_000);
    double[] two = rates(2, 200_000);
    double[] five = rates(5, 300_000);
    for (Object[] row : new Object[][] {{"noise", noise}, {"+1 sd", one}, {"+2 sd", two}, {"+5 sd", five}}) {
      double[] rate = (double[]) row[1];
      System.out.printf(Locale.ROOT, "verdict on %s latency, %d runs: pass %.3f, marginal %.3f, fail %.3f%n", row[0], RUNS, rate[0], rate[1], rate[2]);
    }
    assertThat(noise[0]).as("noise passes").isGreaterThanOrEqualTo(0.97);
    assertThat(noise[2]).as("noise fails").isLessThanOrEqualTo(0.01);
    assertThat(two[2]).as("+2 sd fails").isGreaterThanOrEqualTo(0.95);
    assertThat(five[2]).as("+5 sd fails").isEqualTo(1.0);
  }
}
