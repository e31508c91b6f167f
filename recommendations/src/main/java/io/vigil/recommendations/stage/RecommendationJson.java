package io.vigil.recommendations.stage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.recommendations.MemoryKill;
import io.vigil.recommendations.MemoryPeaks;
import io.vigil.recommendations.Recommendation;
import io.vigil.recommendations.TaskSize;
import java.time.Instant;
import java.util.Map;

/**
 * The wire form of a {@link Recommendation} on {@code vigil.recommendations} and in the API. The
 * list fields the dashboard reads are at the top ({@code id, service, finding, reasons, current,
 * recommended, monthlyCostDelta, confidence, risk, priority}); {@code evidence} holds what the
 * numbers rest on. CPU is in task CPU units (1024 a vCPU), memory in MiB, money in USD a month.
 */
public final class RecommendationJson {

  private RecommendationJson() {}

  public static JsonObject toJson(Recommendation recommendation) {
    TaskSize current = recommendation.current();
    Recommendation.Bounds bounds = recommendation.bounds();
    Recommendation.Projection projected = recommendation.projected();
    JsonObject json = new JsonObject()
        .put("id", recommendation.id())
        .put("kind", recommendation.kind().wire())
        .put("cluster", recommendation.cluster())
        .put("service", recommendation.service())
        .put("finding", recommendation.finding().wire())
        .put("reasons", new JsonArray(recommendation.reasons().stream().map(reason -> (Object) reason.wire()).toList()))
        .put("current", new JsonObject().put("cpu", current.size().cpu()).put("memoryMiB", current.size().memoryMiB())
            .put("desiredCount", current.desiredCount()).put("architecture", current.architecture().name().toLowerCase(java.util.Locale.ROOT))
            .put("taskDefinition", current.taskDefinition()).put("source", current.source()))
        .put("recommended", new JsonObject().put("cpu", recommendation.recommendedSize().cpu())
            .put("memoryMiB", recommendation.recommendedSize().memoryMiB()).put("desiredCount", recommendation.recommendedCount()))
        .put("bounds", new JsonObject()
            .put("cpu", new JsonObject().put("lower", round(bounds.cpuLower())).put("target", round(bounds.cpuTarget())).put("upper", round(bounds.cpuUpper())))
            .put("memoryMiB", new JsonObject().put("lower", round(bounds.memoryLowerMiB())).put("target", round(bounds.memoryTargetMiB()))
                .put("upper", round(bounds.memoryUpperMiB()))))
        .put("projectedUtilization", new JsonObject()
            .put("cpuPercent", new JsonObject().put("p50", round(projected.cpuP50())).put("p90", round(projected.cpuP90())).put("peak", round(projected.cpuPeak())))
            .put("memoryPercent", new JsonObject().put("p50", round(projected.memoryP50())).put("p90", round(projected.memoryP90()))
                .put("peak", round(projected.memoryPeak()))))
        .put("monthlyCost", new JsonObject().put("current", cents(recommendation.monthlyCostCurrent()))
            .put("recommended", cents(recommendation.monthlyCostRecommended())).put("currency", "USD").put("region", recommendation.region()))
        .put("monthlyCostDelta", cents(recommendation.monthlyCostDelta()))
        .put("confidence", round(recommendation.confidence().score()))
        .put("confidenceLevel", recommendation.confidence().level().name())
        .put("confidenceBasis", recommendation.confidence().basis())
        .put("risk", recommendation.riskIfUnchanged().wire())
        .put("recommendedRisk", recommendation.recommendedRisk().wire())
        .put("priority", recommendation.priority())
        .put("generatedAt", Instant.ofEpochMilli(recommendation.generatedAtMillis()).toString())
        .put("generatedAtMillis", recommendation.generatedAtMillis());
    recommendation.targetTracking().ifPresent(policy -> json.put("targetTracking", new JsonObject().put("metric", policy.metric())
        .put("targetValue", policy.targetPercent()).put("minCapacity", policy.minCapacity()).put("maxCapacity", policy.maxCapacity())));
    json.put("evidence", evidence(recommendation.evidence()));
    return json;
  }

  private static JsonObject evidence(Recommendation.Evidence evidence) {
    JsonArray peaks = new JsonArray();
    evidence.dailyMemoryPeaksMiB().forEach((day, peak) -> peaks.add(new JsonObject()
        .put("day", Instant.ofEpochMilli(day * 86_400_000L).toString().substring(0, 10)).put("peakMiB", round(peak))));
    JsonArray kills = new JsonArray();
    for (MemoryKill kill : evidence.kills()) {
      kills.add(new JsonObject().put("at", Instant.ofEpochMilli(kill.atMillis()).toString()).put("usageMiB", round(kill.usageMiB()))
          .put("countsAsPeakMiB", round(MemoryPeaks.bump(kill.usageMiB())))
          .put("source", kill.source()).put("detail", kill.detail()));
    }
    return new JsonObject()
        .put("from", evidence.fromMillis() < 0 ? null : Instant.ofEpochMilli(evidence.fromMillis()).toString())
        .put("to", evidence.toMillis() < 0 ? null : Instant.ofEpochMilli(evidence.toMillis()).toString())
        .put("hours", round(evidence.hours()))
        .put("coveredDays", round(evidence.coveredDays()))
        .put("samples", evidence.samples())
        .put("cpu", new JsonObject().put("unit", "cpu units (1024 = 1 vCPU)").put("p50", round(evidence.cpuP50())).put("p90", round(evidence.cpuP90()))
            .put("p95", round(evidence.cpuP95())).put("max", round(evidence.cpuMax())).put("histogram", histogram(evidence.cpuHistogram())))
        .put("memory", new JsonObject().put("unit", "MiB").put("p50", round(evidence.memoryP50())).put("p90", round(evidence.memoryP90()))
            .put("p95", round(evidence.memoryP95())).put("peak", round(evidence.memoryPeak())).put("dailyPeaks", peaks)
            .put("histogram", histogram(evidence.memoryHistogram())))
        .put("kills", kills);
  }

  /** Bucket ends and shares of weight, as {@code [[upTo, share], ...]}. */
  private static JsonArray histogram(Map<Double, Double> shares) {
    JsonArray buckets = new JsonArray();
    shares.forEach((upTo, share) -> buckets.add(new JsonArray().add(round(upTo)).add(Math.round(share * 1e4) / 1e4)));
    return buckets;
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  static double cents(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
