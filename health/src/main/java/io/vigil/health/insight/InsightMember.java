package io.vigil.health.insight;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.health.Evidence;
import io.vigil.health.LogMark;
import io.vigil.health.SignalKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One sign of trouble in an insight: a series behind a deduction, a log signal, or a dependency,
 * with when it was first and last seen, the value furthest from normal, and what backs it.
 *
 * @param subject a series id, a log signal id ({@code log:...}) or, for a dependency, its service
 * @param component the deduction it was behind ({@code saturation}, {@code latency}, ...), or
 *     {@code event} for a log signal that takes nothing off the score (a deployment)
 * @param peakValue the highest value seen (the lowest score, for a dependency)
 * @param anomalyIds the anomalies seen on it, oldest first, at most {@link #MAX_ANOMALY_IDS}
 */
public record InsightMember(
    String subject, String service, String metric, SignalKind kind, String component, long firstMillis, long lastMillis,
    double peakValue, List<String> anomalyIds, Optional<LogMark> log) {

  public static final int MAX_ANOMALY_IDS = 5;

  public InsightMember {
    anomalyIds = List.copyOf(anomalyIds);
  }

  /** This member seen again at {@code atMillis} with {@code value} (and an anomaly or log event). */
  InsightMember seenAgain(long atMillis, double value, String anomalyId, Optional<LogMark> seenLog) {
    List<String> ids = new ArrayList<>(anomalyIds);
    if (!anomalyId.isEmpty() && !ids.contains(anomalyId) && ids.size() < MAX_ANOMALY_IDS) {
      ids.add(anomalyId);
    }
    double peak = component.equals("dependency") ? Math.min(peakValue, value) : Math.max(peakValue, value);
    return new InsightMember(subject, service, metric, kind, component, Math.min(firstMillis, atMillis), Math.max(lastMillis, atMillis),
        peak, ids, log.isPresent() ? log : seenLog);
  }

  /** This member as the sign behind {@code deduction} (the component it now counts in). */
  InsightMember withComponent(String deduction) {
    return new InsightMember(subject, service, metric, kind, deduction, firstMillis, lastMillis, peakValue, anomalyIds, log);
  }

  /** What this member adds to a cause's evidence. */
  Evidence evidence() {
    return new Evidence(subject, metric, peakValue, firstMillis, anomalyIds.isEmpty() ? "" : anomalyIds.get(0), log);
  }

  boolean trouble() {
    return !component.equals(InsightBook.EVENT);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("subject", subject).put("service", service).put("metric", metric).put("kind", kind.wireName())
        .put("component", component).put("firstMillis", firstMillis).put("lastMillis", lastMillis).put("peakValue", peakValue)
        .put("anomalyIds", new JsonArray(new ArrayList<>(anomalyIds)));
    log.ifPresent(mark -> json.put("logEvent", mark.toJson()));
    return json;
  }

  public static InsightMember fromJson(JsonObject json) {
    List<String> ids = new ArrayList<>();
    json.getJsonArray("anomalyIds").forEach(id -> ids.add((String) id));
    JsonObject log = json.getJsonObject("logEvent");
    return new InsightMember(json.getString("subject"), json.getString("service"), json.getString("metric"),
        SignalKind.fromWire(json.getString("kind")), json.getString("component"), json.getLong("firstMillis"), json.getLong("lastMillis"),
        json.getDouble("peakValue"), ids, log == null ? Optional.empty() : Optional.of(LogMark.fromJson(log)));
  }
}
