package io.vigil.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VerdictJudgeTest {

  private final VerdictJudge judge = new VerdictJudge(VerdictSettings.defaults());

  private static double[] noise(long seed, int n, double mean, double sd) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = mean + sd * random.nextGaussian();
    }
    return values;
  }

  private static List<MetricSamples> steady(long seed) {
    return List.of(
        new MetricSamples("CPUUtilization", "s-cpu", noise(seed, 30, 30, 2), noise(seed + 1, 15, 30, 2)),
        new MetricSamples("MemoryUtilization", "s-mem", noise(seed + 2, 30, 55, 0.5), noise(seed + 3, 15, 55, 0.5)),
        new MetricSamples("HTTPCode_Target_5XX_Count", "s-5xx", noise(seed + 4, 30, 1, 0.5), noise(seed + 5, 15, 1, 0.5)),
        new MetricSamples("RequestCount", "s-req", noise(seed + 6, 30, 1200, 40), noise(seed + 7, 15, 1200, 40)));
  }

  @Test
  void aClearLatencyRegressionFailsNamingTheMetric() {
    List<MetricSamples> series = new java.util.ArrayList<>(steady(1));
    series.add(new MetricSamples("TargetResponseTime", "s-latency", noise(11, 30, 0.15, 0.008), noise(12, 15, 0.50, 0.008)));

    Verdict verdict = judge.judge(series, List.of());

    assertThat(verdict.result()).isEqualTo(Verdict.Result.FAIL);
    assertThat(verdict.reasons().get(0)).startsWith("TargetResponseTime rose");
    MetricEvidence latency = verdict.metrics().stream().filter(metric -> metric.metric().equals("TargetResponseTime")).findFirst().orElseThrow();
    assertThat(latency.outcome()).isEqualTo(Outcome.WORSE);
    assertThat(latency.pValue()).isLessThan(1e-6);
    assertThat(latency.effectSize()).isEqualTo(1.0);
    assertThat(latency.baseline().median()).isCloseTo(0.15, org.assertj.core.data.Offset.offset(0.01));
    assertThat(latency.after().median()).isCloseTo(0.50, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void noiseAloneFromTheSameDistributionPasses() {
    for (long seed = 100; seed < 120; seed++) {
      List<MetricSamples> series = new java.util.ArrayList<>(steady(seed));
      series.add(new MetricSamples("TargetResponseTime", "s-latency", noise(seed + 50, 30, 0.15, 0.008), noise(seed + 51, 15, 0.15, 0.008)));

      Verdict verdict = judge.judge(series, List.of());

      assertThat(verdict.result()).as("seed %d: %s", seed, verdict.reasons()).isEqualTo(Verdict.Result.PASS);
      assertThat(verdict.score()).isEqualTo(100.0);
    }
  }

  @Test
  void directionDecidesWhetherAShiftIsWorse() {
    double[] before = noise(3, 30, 0.30, 0.01);
    double[] lower = noise(4, 15, 0.10, 0.01);
    Verdict fasterLatency = judge.judge(List.of(new MetricSamples("TargetResponseTime", "s", before, lower)), List.of());
    Verdict fewerHealthyHosts = judge.judge(List.of(new MetricSamples("HealthyHostCount", "s", before, lower)), List.of());

    assertThat(fasterLatency.result()).isEqualTo(Verdict.Result.PASS);
    assertThat(fasterLatency.metrics().get(0).outcome()).isEqualTo(Outcome.BETTER);
    assertThat(fewerHealthyHosts.result()).isEqualTo(Verdict.Result.FAIL);
    assertThat(fewerHealthyHosts.metrics().get(0).outcome()).isEqualTo(Outcome.WORSE);
  }

  @Test
  void aNeutralMetricNeverCountsAndCpuThatFollowsTheLoadIsExplained() {
    List<MetricSamples> series = List.of(
        new MetricSamples("RequestCount", "s-req", noise(5, 30, 1000, 30), noise(6, 15, 1500, 30)),
        new MetricSamples("CPUUtilization", "s-cpu", noise(7, 30, 30, 1), noise(8, 15, 45, 1)),
        new MetricSamples("TargetResponseTime", "s-lat", noise(9, 30, 0.1, 0.01), noise(10, 15, 0.1, 0.01)));

    Verdict verdict = judge.judge(series, List.of());

    assertThat(verdict.result()).isEqualTo(Verdict.Result.PASS);
    assertThat(verdict.metrics().get(1).outcome()).isEqualTo(Outcome.EXPLAINED_BY_LOAD);

    Verdict atEqualLoad = judge.judge(List.of(series.get(1), series.get(2),
        new MetricSamples("RequestCount", "s-req", noise(5, 30, 1000, 30), noise(6, 15, 1000, 30))), List.of());
    assertThat(atEqualLoad.metrics().get(0).outcome()).isEqualTo(Outcome.WORSE);
    assertThat(atEqualLoad.result()).isNotEqualTo(Verdict.Result.PASS);
  }

  @Test
  void smallSamplesAreMarginalNeverPass() {
    Verdict tooFew = judge.judge(List.of(new MetricSamples("TargetResponseTime", "s", noise(1, 5, 0.1, 0.01), noise(2, 4, 0.1, 0.01))), List.of());
    Verdict nothing = judge.judge(List.of(), List.of());
    Verdict partly = judge.judge(List.of(
        new MetricSamples("TargetResponseTime", "s", noise(1, 30, 0.1, 0.01), noise(2, 15, 0.1, 0.01)),
        new MetricSamples("HTTPCode_Target_5XX_Count", "t", noise(3, 30, 1, 0.5), noise(4, 3, 1, 0.5))), List.of());

    assertThat(tooFew.result()).isEqualTo(Verdict.Result.MARGINAL);
    assertThat(tooFew.metrics().get(0).outcome()).isEqualTo(Outcome.TOO_FEW_SAMPLES);
    assertThat(nothing.result()).isEqualTo(Verdict.Result.MARGINAL);
    assertThat(partly.result()).isEqualTo(Verdict.Result.MARGINAL);
    assertThat(partly.reasons()).anyMatch(reason -> reason.contains("HTTPCode_Target_5XX_Count"));
  }

  @Test
  void penaltiesCountAgainstAndAFailedRolloutFails() {
    List<MetricSamples> quiet = steady(7);
    Verdict withDiagnostic = judge.judge(quiet, List.of(new Penalty(Penalty.Kind.DIAGNOSTIC, "ecs-image-pull", 3, "CannotPullContainerError")));
    Verdict withPattern = judge.judge(quiet, List.of(new Penalty(Penalty.Kind.NEW_LOG_PATTERN, "p1", 1, "ERROR NullPointerException at <*>")));
    Verdict rolloutFailed = judge.judge(quiet, List.of(new Penalty(Penalty.Kind.ROLLOUT_FAILED, "UPDATE_FAILED", 0, "unsupported property")));

    assertThat(withDiagnostic.result()).isEqualTo(Verdict.Result.FAIL);
    assertThat(withDiagnostic.reasons()).anyMatch(reason -> reason.contains("ecs-image-pull"));
    assertThat(withPattern.result()).isEqualTo(Verdict.Result.MARGINAL);
    assertThat(rolloutFailed.result()).isEqualTo(Verdict.Result.FAIL);
    assertThat(rolloutFailed.reasons().get(0)).contains("unsupported property");
  }

  @Test
  void cliffsDeltaCountsPairs() {
    assertThat(MetricComparison.cliffsDelta(new double[] {1, 2, 3}, new double[] {4, 5})).isEqualTo(1.0);
    assertThat(MetricComparison.cliffsDelta(new double[] {4, 5}, new double[] {1, 2, 3})).isEqualTo(-1.0);
    assertThat(MetricComparison.cliffsDelta(new double[] {1, 2, 3}, new double[] {2})).isEqualTo(0.0);
    // after {2.5}: above 1 and 2, below 3 -> (2 - 1) / 3
    assertThat(MetricComparison.cliffsDelta(new double[] {1, 2, 3}, new double[] {2.5})).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
  }
}
