package io.vigil.recommendations;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The task size a service should have, after the VPA recommender: CPU targets the 90th percentile
 * of the decaying CPU histogram, memory the highest daily peak (kills bumped), each with the
 * margin; the lower bound is the 50th percentile and the upper the 95th, widened while the evidence
 * is young ({@code x (1 + 1/days)} up, {@code x (1 + 0.001/days)^-2} down, VPA's own multipliers).
 * The target is snapped up to a valid Fargate size and never falls below the memory peak plus the
 * margin. With less than {@code minHours} of evidence nothing is offered, unless a kill for memory
 * forces an increase; then nothing is made smaller, since a few hours say little about the rest of
 * the day.
 */
public final class RightSizer {

  private final RecommenderSettings settings;

  public RightSizer(RecommenderSettings settings) {
    this.settings = settings;
  }

  /** Upper bounds grow by {@code (1 + 1/days)} while the evidence is young. */
  public static double upperMultiplier(double days) {
    return 1 + 1 / Math.max(days, 1.0 / (24 * 60));
  }

  /** Lower bounds shrink by {@code (1 + 0.001/days)^-2}. */
  public static double lowerMultiplier(double days) {
    return Math.pow(1 + 0.001 / Math.max(days, 1.0 / (24 * 60)), -2);
  }

  public Optional<Recommendation> recommend(ServiceUsage usage, long nowMillis) {
    Optional<TaskSize> known = usage.taskSize();
    if (known.isEmpty() || !usage.hasSamples()) {
      return Optional.empty();
    }
    TaskSize current = known.get();
    List<MemoryKill> kills = usage.kills();
    boolean killed = !kills.isEmpty();
    boolean young = usage.spanHours() < settings.minHours();
    if (young && !killed) {
      return Optional.empty();
    }
    double margin = 1 + settings.marginFraction();
    double days = usage.coveredDays();
    DecayingHistogram cpu = usage.cpuUnits();
    MemoryPeaks peaks = MemoryPeaks.of(usage.dailyMemoryPeaksMiB(), kills, settings.halfLifeMillis());

    double cpuTarget = cpu.percentile(0.9) * margin;
    double memoryTarget = peaks.max() * margin;
    Recommendation.Bounds bounds = new Recommendation.Bounds(
        cpu.percentile(0.5) * margin * lowerMultiplier(days), cpuTarget, Math.max(cpuTarget, cpu.percentile(0.95) * margin * upperMultiplier(days)),
        peaks.percentile(0.5) * margin * lowerMultiplier(days), memoryTarget,
        Math.max(memoryTarget, peaks.percentile(0.95) * margin * upperMultiplier(days)));

    double cpuNeed = young ? Math.max(cpuTarget, current.size().cpu()) : cpuTarget;
    double memoryNeed = young ? Math.max(memoryTarget, current.size().memoryMiB()) : memoryTarget;
    FargateSize recommended = FargateSizes.atLeast(cpuNeed, memoryNeed).orElse(FargateSizes.LARGEST);

    List<ReasonCode> reasons = reasons(current.size(), recommended, cpuTarget, memoryTarget, killed);
    Finding finding = finding(reasons);
    Recommendation.Evidence evidence = evidence(usage);
    double observedPeakMiB = Math.max(evidence.memoryPeak(), kills.stream().mapToDouble(MemoryKill::usageMiB).max().orElse(0));
    PerformanceRisk riskIfUnchanged = PerformanceRisk.of(100 * observedPeakMiB / current.size().memoryMiB(),
        100 * evidence.cpuP95() / current.size().cpu(), killed);
    Recommendation.Projection projected = new Recommendation.Projection(
        percent(evidence.cpuP50(), recommended.cpu()), percent(evidence.cpuP90(), recommended.cpu()), percent(evidence.cpuMax(), recommended.cpu()),
        percent(evidence.memoryP50(), recommended.memoryMiB()), percent(evidence.memoryP90(), recommended.memoryMiB()),
        percent(observedPeakMiB, recommended.memoryMiB()));
    PerformanceRisk recommendedRisk = PerformanceRisk.of(projected.memoryPeak(), percent(evidence.cpuP95(), recommended.cpu()), false);

    int tasks = Math.max(1, current.desiredCount());
    String region = settings.costs().defaultRegion();
    double costNow = settings.costs().monthly(current.size(), tasks, region, current.architecture());
    double costThen = settings.costs().monthly(recommended, tasks, region, current.architecture());
    Confidence confidence = Confidence.of(days, usage.coefficientOfVariation(), killed && recommended.memoryMiB() > current.size().memoryMiB());
    return Optional.of(new Recommendation(
        RecommendationIds.of(Recommendation.Kind.RIGHTSIZE, usage.service()), Recommendation.Kind.RIGHTSIZE,
        usage.cluster(), usage.service(), finding, reasons, current, recommended, current.desiredCount(), bounds, projected,
        costNow, costThen, region, confidence, riskIfUnchanged, recommendedRisk, Priority.of(finding, riskIfUnchanged, costThen - costNow),
        Optional.empty(), evidence, nowMillis));
  }

  static List<ReasonCode> reasons(FargateSize current, FargateSize recommended, double cpuTarget, double memoryTarget, boolean killed) {
    List<ReasonCode> reasons = new ArrayList<>();
    if (killed) {
      reasons.add(ReasonCode.KILLED_FOR_MEMORY);
    }
    if (memoryTarget > current.memoryMiB()) {
      reasons.add(ReasonCode.MEMORY_UNDERPROVISIONED);
    } else if (recommended.memoryMiB() < current.memoryMiB()) {
      reasons.add(ReasonCode.MEMORY_OVERPROVISIONED);
    }
    if (cpuTarget > current.cpu()) {
      reasons.add(ReasonCode.CPU_UNDERPROVISIONED);
    } else if (recommended.cpu() < current.cpu()) {
      reasons.add(ReasonCode.CPU_OVERPROVISIONED);
    }
    return List.copyOf(reasons);
  }

  static Finding finding(List<ReasonCode> reasons) {
    if (reasons.contains(ReasonCode.MEMORY_UNDERPROVISIONED) || reasons.contains(ReasonCode.CPU_UNDERPROVISIONED)
        || reasons.contains(ReasonCode.TASK_COUNT_UNDERPROVISIONED)) {
      return Finding.UNDERPROVISIONED;
    }
    if (reasons.contains(ReasonCode.MEMORY_OVERPROVISIONED) || reasons.contains(ReasonCode.CPU_OVERPROVISIONED)
        || reasons.contains(ReasonCode.TASK_COUNT_OVERPROVISIONED)) {
      return Finding.OVERPROVISIONED;
    }
    return Finding.OPTIMIZED;
  }

  static Recommendation.Evidence evidence(ServiceUsage usage) {
    DecayingHistogram cpu = usage.cpuUnits();
    DecayingHistogram memory = usage.memoryMiB();
    return new Recommendation.Evidence(usage.firstMillis(), usage.lastMillis(), usage.spanHours(), usage.coveredDays(), usage.sampleCount(),
        cpu.percentile(0.5), cpu.percentile(0.9), cpu.percentile(0.95), cpu.max(),
        memory.percentile(0.5), memory.percentile(0.9), memory.percentile(0.95), memory.max(),
        new java.util.TreeMap<>(usage.dailyMemoryPeaksMiB()), cpu.shares(), memory.shares(), usage.kills());
  }

  static double percent(double used, double of) {
    return of <= 0 ? 0 : 100 * used / of;
  }
}
