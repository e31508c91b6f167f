package io.vigil.recommendations;

import java.util.List;
import java.util.Optional;

/**
 * How many tasks a service should run, from its CPU utilisation (the tasks' average, as
 * CloudWatch's {@code AWS/ECS CPUUtilization} gives it): enough that the 95th percentile would sit
 * at the target-tracking target, and a target-tracking policy whose minimum covers the trough (10th
 * percentile) and whose maximum covers the peak. Too few tasks at peak is under-provisioned, too
 * many at it over-provisioned. Offered only with {@code minHours} of evidence.
 */
public final class TaskCountAdvisor {

  public static final String TARGET_METRIC = "ECSServiceAverageCPUUtilization";

  private final RecommenderSettings settings;

  public TaskCountAdvisor(RecommenderSettings settings) {
    this.settings = settings;
  }

  public Optional<Recommendation> recommend(ServiceUsage usage, long nowMillis) {
    Optional<TaskSize> known = usage.taskSize();
    if (known.isEmpty() || !usage.hasSamples() || known.get().desiredCount() < 1 || usage.spanHours() < settings.minHours()) {
      return Optional.empty();
    }
    TaskSize current = known.get();
    int count = current.desiredCount();
    double target = settings.scalingTargetCpuPercent();
    DecayingHistogram cpu = usage.cpuPercent();
    double p95 = cpu.percentile(0.95);
    int needed = tasksFor(p95, count, target);
    int minCapacity = tasksFor(cpu.percentile(0.1), count, target);
    int maxCapacity = Math.max(needed, tasksFor(cpu.max(), count, target));
    List<ReasonCode> reasons = needed > count ? List.of(ReasonCode.TASK_COUNT_UNDERPROVISIONED)
        : needed < count ? List.of(ReasonCode.TASK_COUNT_OVERPROVISIONED) : List.of();
    Finding finding = RightSizer.finding(reasons);

    Recommendation.Evidence evidence = RightSizer.evidence(usage);
    double memoryPeakPercent = RightSizer.percent(evidence.memoryPeak(), current.size().memoryMiB());
    PerformanceRisk riskIfUnchanged = PerformanceRisk.of(0, p95, false);
    double scale = (double) count / needed;
    Recommendation.Projection projected = new Recommendation.Projection(cpu.percentile(0.5) * scale, cpu.percentile(0.9) * scale, cpu.max() * scale,
        RightSizer.percent(evidence.memoryP50(), current.size().memoryMiB()), RightSizer.percent(evidence.memoryP90(), current.size().memoryMiB()),
        memoryPeakPercent);
    PerformanceRisk recommendedRisk = PerformanceRisk.of(0, p95 * scale, false);
    String region = settings.costs().defaultRegion();
    double perTask = settings.costs().monthly(current.size(), 1, region, current.architecture());
    double margin = 1 + settings.marginFraction();
    Recommendation.Bounds bounds = new Recommendation.Bounds(cpu.percentile(0.5) * margin, p95, cpu.max(), 0, 0, 0);
    return Optional.of(new Recommendation(
        RecommendationIds.of(Recommendation.Kind.SCALING, usage.service()), Recommendation.Kind.SCALING,
        usage.cluster(), usage.service(), finding, reasons, current, current.size(), needed, bounds, projected,
        perTask * count, perTask * needed, region, Confidence.of(usage.coveredDays(), usage.coefficientOfVariation(), false),
        riskIfUnchanged, recommendedRisk, Priority.of(finding, riskIfUnchanged, perTask * (needed - count)),
        Optional.of(new Recommendation.TargetTracking(TARGET_METRIC, target, minCapacity, maxCapacity)), evidence, nowMillis));
  }

  /** Tasks that would carry {@code percent} average CPU over {@code count} tasks at {@code target} percent each; at least 1. */
  static int tasksFor(double percent, int count, double target) {
    return Math.max(1, (int) Math.ceil(percent * count / target - 1e-9));
  }
}
