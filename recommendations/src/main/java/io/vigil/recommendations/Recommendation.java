package io.vigil.recommendations;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One recommendation for one service: what to change, why, what it would cost or save, how sure it
 * is, the risk of leaving things as they are and of the change, and the evidence it rests on.
 *
 * @param id stable per service and kind, so each new version replaces the last on the compacted topic
 * @param kind {@code rightsize} (task size) or {@code scaling} (task count)
 * @param priority 1 (act now: the service fails or nearly does as it runs) to 4 (a small change)
 * @param monthlyCostDelta recommended minus current, USD a month: negative is a saving
 */
public record Recommendation(
    String id,
    Kind kind,
    String cluster,
    String service,
    Finding finding,
    List<ReasonCode> reasons,
    TaskSize current,
    FargateSize recommendedSize,
    int recommendedCount,
    Bounds bounds,
    Projection projected,
    double monthlyCostCurrent,
    double monthlyCostRecommended,
    String region,
    Confidence confidence,
    PerformanceRisk riskIfUnchanged,
    PerformanceRisk recommendedRisk,
    int priority,
    Optional<TargetTracking> targetTracking,
    Evidence evidence,
    long generatedAtMillis) {

  /** The two kinds of change. */
  public enum Kind {
    RIGHTSIZE("rightsize"), SCALING("scaling");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  public double monthlyCostDelta() {
    return monthlyCostRecommended - monthlyCostCurrent;
  }

  /** Lower bound, target and upper bound of CPU (units) and memory (MiB), before snapping. */
  public record Bounds(double cpuLower, double cpuTarget, double cpuUpper, double memoryLowerMiB, double memoryTargetMiB, double memoryUpperMiB) {}

  /** The observed use as a percentage of the recommended size (of the tasks' CPU for scaling). */
  public record Projection(double cpuP50, double cpuP90, double cpuPeak, double memoryP50, double memoryP90, double memoryPeak) {}

  /** A target-tracking policy that would keep the tasks' average CPU near {@code targetPercent}. */
  public record TargetTracking(String metric, double targetPercent, int minCapacity, int maxCapacity) {}

  /**
   * What the numbers rest on: the percentiles (CPU in units, memory in MiB), each day's observed
   * memory peak (a kill's bump is not in it but in the kill), the histograms (bucket end to share
   * of weight), the kills and the time range.
   */
  public record Evidence(
      long fromMillis, long toMillis, double hours, double coveredDays, long samples,
      double cpuP50, double cpuP90, double cpuP95, double cpuMax,
      double memoryP50, double memoryP90, double memoryP95, double memoryPeak,
      SortedMap<Long, Double> dailyMemoryPeaksMiB, SortedMap<Double, Double> cpuHistogram, SortedMap<Double, Double> memoryHistogram,
      List<MemoryKill> kills) {}
}
