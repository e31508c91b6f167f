package io.vigil.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The right-sizing maths on hand-built usage: bounds, widening, the kill bump, the peak floor, cost, risk. */
class RightSizerTest {

  private static final long HOUR = 3600_000L;
  private static final long MINUTE = 60_000L;
  private static final CostModel COSTS = new CostModel(Map.of("us-east-1", CostModel.US_EAST_1), "us-east-1");
  private static final RecommenderSettings SETTINGS = new RecommenderSettings(0.15, 24, 14, RecommenderSettings.DEFAULT_HALF_LIFE_MILLIS, 70, COSTS);

  private static ServiceUsage usage(int cpu, int memoryMiB, int count) {
    ServiceUsage usage = new ServiceUsage("prod", "svc", SETTINGS.halfLifeMillis(), 14);
    usage.taskSize(new TaskSize(new FargateSize(cpu, memoryMiB), count, CostModel.Architecture.X86_64, "", "config"));
    return usage;
  }

  @Test
  void wideningIsOnePlusOneOverDaysUpAndAlmostNothingDown() {
    assertThat(RightSizer.upperMultiplier(1)).isEqualTo(2.0);
    assertThat(RightSizer.upperMultiplier(4)).isEqualTo(1.25);
    assertThat(RightSizer.upperMultiplier(14)).isCloseTo(1 + 1.0 / 14, within(1e-12));
    assertThat(RightSizer.lowerMultiplier(1)).isCloseTo(Math.pow(1.001, -2), within(1e-12));
  }

  @Test
  void theKillBumpIsTheLargerOfTwentyPercentAndAHundredMebibytes() {
    assertThat(MemoryPeaks.bump(2048)).isCloseTo(2457.6, within(1e-9));
    assertThat(MemoryPeaks.bump(400)).isEqualTo(500);
    assertThat(MemoryPeaks.bump(500)).isEqualTo(600);
  }

  @Test
  void aServiceKilledAtItsLimitGetsTheNextValidSizeAboveTheBumpPlusMargin() {
    ServiceUsage usage = usage(1024, 2048, 2);
    long t = 0;
    for (int i = 0; i < 240; i++, t += MINUTE) { // four hours, the memory climbing to the limit
      usage.addCpuPercent(t, 45);
      usage.addMemoryPercent(t, 40 + 60.0 * i / 239);
    }
    assertThat(usage.addKill(t, "/aws/ecs/events", "Exit Code 137")).isTrue();
    assertThat(usage.addKill(t + MINUTE, "/ecs/svc", "OutOfMemoryError")).as("the same kill, told twice").isFalse();

    Recommendation recommendation = new RightSizer(SETTINGS).recommend(usage, t).orElseThrow();
    // 2048 x 1.2 = 2457.6, x 1.15 = 2826.24 -> 1024 CPU allows 3 GiB.
    assertThat(recommendation.bounds().memoryTargetMiB()).isCloseTo(2826.24, within(1e-6));
    assertThat(recommendation.recommendedSize()).isEqualTo(new FargateSize(1024, 3072));
    assertThat(recommendation.finding()).isEqualTo(Finding.UNDERPROVISIONED);
    assertThat(recommendation.reasons()).containsExactly(ReasonCode.KILLED_FOR_MEMORY, ReasonCode.MEMORY_UNDERPROVISIONED);
    assertThat(recommendation.riskIfUnchanged()).isEqualTo(PerformanceRisk.HIGH);
    assertThat(recommendation.confidence().level()).isEqualTo(Confidence.Level.HIGH);
    assertThat(recommendation.priority()).isEqualTo(1);
    assertThat(recommendation.monthlyCostDelta()).isCloseTo(2 * 0.004445 * 730, within(1e-9));
    assertThat(recommendation.evidence().kills()).hasSize(1);
  }

  @Test
  void underADayWithoutAKillNothingIsOffered() {
    ServiceUsage usage = usage(1024, 2048, 1);
    for (long t = 0; t < 23 * HOUR; t += MINUTE) {
      usage.addCpuPercent(t, 5);
      usage.addMemoryPercent(t, 10);
    }
    assertThat(new RightSizer(SETTINGS).recommend(usage, 23 * HOUR)).isEmpty();
  }

  @Test
  void anOverProvisionedServiceShrinksButNeverBelowItsMemoryPeakPlusMargin() {
    ServiceUsage usage = usage(2048, 8192, 3);
    for (long t = 0; t <= 24 * HOUR; t += MINUTE) {
      usage.addCpuPercent(t, 6 + 3 * Math.sin(t / (double) HOUR));
      usage.addMemoryPercent(t, 15 + 5 * Math.sin(t / (double) HOUR)); // peak 20% of 8 GiB = 1638.4 MiB
    }
    Recommendation recommendation = new RightSizer(SETTINGS).recommend(usage, 24 * HOUR).orElseThrow();
    double peak = usage.dailyMemoryPeaksMiB().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    assertThat(peak).isCloseTo(1638.4, within(0.1));
    assertThat(recommendation.bounds().memoryTargetMiB()).isGreaterThanOrEqualTo(peak * 1.15);
    assertThat(recommendation.recommendedSize().memoryMiB()).isGreaterThanOrEqualTo((int) Math.ceil(peak * 1.15));
    // CPU p90 about 8.7% of 2048 = 178 units x 1.15 -> 256; memory 1884 MiB -> 256 CPU with 2 GiB.
    assertThat(recommendation.recommendedSize()).isEqualTo(new FargateSize(256, 2048));
    assertThat(recommendation.finding()).isEqualTo(Finding.OVERPROVISIONED);
    assertThat(recommendation.reasons()).containsExactly(ReasonCode.MEMORY_OVERPROVISIONED, ReasonCode.CPU_OVERPROVISIONED);
    double expected = 3 * 730 * ((0.25 * 0.04048 + 2 * 0.004445) - (2 * 0.04048 + 8 * 0.004445));
    assertThat(recommendation.monthlyCostDelta()).isCloseTo(expected, within(1e-9)).isNegative();
    assertThat(recommendation.riskIfUnchanged()).isEqualTo(PerformanceRisk.VERY_LOW);
    assertThat(recommendation.priority()).isEqualTo(3);
    // A day of evidence: the upper bound is twice the 95th percentile plus margin.
    assertThat(recommendation.bounds().cpuUpper()).isGreaterThan(recommendation.bounds().cpuTarget() * 1.5);
    assertThat(recommendation.confidence().level()).isEqualTo(Confidence.Level.LOW);
  }

  @Test
  void aWeekOfSteadyUseIsConfident() {
    assertThat(Confidence.of(7, 0.05, false).level()).isEqualTo(Confidence.Level.HIGH);
    assertThat(Confidence.of(1, 0.0, false).score()).isEqualTo(0.5);
    assertThat(Confidence.of(1, 1.0, false).score()).isEqualTo(0.25);
    assertThat(Confidence.of(0.1, 0.0, true).score()).isEqualTo(Confidence.KILL_CONFIDENCE);
  }

  @Test
  void percentileBoundsOfHandBuiltPeaks() {
    // Five day peaks 1000..5000 MiB of equal weight (an enormous half-life).
    MemoryPeaks peaks = MemoryPeaks.of(Map.of(0L, 3000.0, 1L, 1000.0, 2L, 5000.0, 3L, 2000.0, 4L, 4000.0), List.of(), Long.MAX_VALUE / 4);
    assertThat(peaks.percentile(0.5)).isEqualTo(3000);
    assertThat(peaks.percentile(0.9)).isEqualTo(5000);
    assertThat(peaks.percentile(0.19)).isEqualTo(1000);
    // A kill on day 1 at 2048 replaces its peak with the bump.
    MemoryPeaks killed = MemoryPeaks.of(Map.of(1L, 1000.0), List.of(new MemoryKill(ServiceUsage.DAY + 5, 2048, "ecs", "137")), ServiceUsage.DAY);
    assertThat(killed.max()).isCloseTo(2457.6, within(1e-9));
  }

  @Test
  void tooFewTasksAtPeakAsksForMore() {
    ServiceUsage usage = usage(512, 1024, 2);
    for (long t = 0; t <= 25 * HOUR; t += MINUTE) {
      usage.addCpuPercent(t, 90);
      usage.addMemoryPercent(t, 30);
    }
    Recommendation scaling = new TaskCountAdvisor(SETTINGS).recommend(usage, 25 * HOUR).orElseThrow();
    // 2 tasks at about 90% are 180 task-percent: at 70% a task, 3 tasks.
    assertThat(scaling.recommendedCount()).isEqualTo(3);
    assertThat(scaling.finding()).isEqualTo(Finding.UNDERPROVISIONED);
    assertThat(scaling.reasons()).containsExactly(ReasonCode.TASK_COUNT_UNDERPROVISIONED);
    assertThat(scaling.targetTracking()).map(Recommendation.TargetTracking::targetPercent).isEqualTo(Optional.of(70.0));
    assertThat(scaling.monthlyCostDelta()).isPositive();
  }
}
