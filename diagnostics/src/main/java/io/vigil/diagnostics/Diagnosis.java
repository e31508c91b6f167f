package io.vigil.diagnostics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.config.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One signature seen for one service, from one origin (a log group, or the service's deployment
 * events): when it was first and last seen, how often, its newest evidence, and what it means and
 * what to do. The record of {@code vigil.diagnostics}, keyed {@link #key()}; readers {@link #merge}
 * the records of one service and signature from several origins.
 *
 * @param deploymentId the deployment of the newest evidence that came from a deployment event, or empty
 * @param origin {@code logs:<log group>}, {@code events} or {@code anomalies:<series id>}; empty once merged
 */
public record Diagnosis(
    String service,
    String signature,
    String category,
    String severity,
    String title,
    String explanation,
    long firstSeenMillis,
    long lastSeenMillis,
    long count,
    List<EvidenceItem> evidence,
    List<String> steps,
    String deploymentId,
    String origin) {

  public Diagnosis {
    evidence = List.copyOf(evidence);
    steps = List.copyOf(steps);
  }

  /** The first sighting of {@code signature} for {@code service}. */
  public static Diagnosis first(String service, String origin, Signature signature, EvidenceItem item, String deploymentId) {
    return new Diagnosis(service, signature.id(), signature.category(), signature.severity(), signature.title(), signature.explanation(),
        item.timestampMillis(), item.timestampMillis(), 1, List.of(item), signature.stepsFor(service), deploymentId, origin);
  }

  /** The Kafka key: {@code <service> <signature> <origin>}. */
  public String key() {
    return service + " " + signature + " " + origin;
  }

  /**
   * This diagnosis seen once more, with the signature's current text; an item already in the
   * evidence (an event read twice) changes nothing.
   */
  public Diagnosis seenAgain(Signature current, EvidenceItem item, String eventDeploymentId, int maxEvidence) {
    if (evidence.stream().anyMatch(kept -> kept.eventId().equals(item.eventId()) && kept.source().equals(item.source()))) {
      return this;
    }
    List<EvidenceItem> items = new ArrayList<>(evidence);
    items.add(item);
    boolean newest = item.timestampMillis() >= lastSeenMillis;
    return new Diagnosis(service, signature, current.category(), current.severity(), current.title(), current.explanation(),
        Math.min(firstSeenMillis, item.timestampMillis()), Math.max(lastSeenMillis, item.timestampMillis()), count + 1,
        newestFirst(items, maxEvidence), current.stepsFor(service),
        newest && !eventDeploymentId.isEmpty() ? eventDeploymentId : deploymentId, origin);
  }

  /** This and {@code other} (same service and signature, another origin) as one. */
  public Diagnosis merge(Diagnosis other, int maxEvidence) {
    List<EvidenceItem> items = new ArrayList<>(evidence);
    items.addAll(other.evidence);
    Diagnosis newer = other.lastSeenMillis > lastSeenMillis ? other : this;
    String deployment = !newer.deploymentId.isEmpty() ? newer.deploymentId : (deploymentId.isEmpty() ? other.deploymentId : deploymentId);
    return new Diagnosis(service, signature, newer.category, newer.severity, newer.title, newer.explanation,
        Math.min(firstSeenMillis, other.firstSeenMillis), Math.max(lastSeenMillis, other.lastSeenMillis), count + other.count,
        newestFirst(items, maxEvidence), newer.steps, deployment, "");
  }

  /** This diagnosis as a merged one (no origin), for a signature seen from one origin only. */
  public Diagnosis acrossOrigins() {
    return origin.isEmpty() ? this : new Diagnosis(service, signature, category, severity, title, explanation, firstSeenMillis,
        lastSeenMillis, count, evidence, steps, deploymentId, "");
  }

  private static List<EvidenceItem> newestFirst(List<EvidenceItem> items, int max) {
    Map<String, EvidenceItem> unique = new LinkedHashMap<>();
    items.forEach(item -> unique.putIfAbsent(item.source() + " " + item.eventId(), item));
    return unique.values().stream()
        .sorted(Comparator.comparingLong(EvidenceItem::timestampMillis).reversed().thenComparing(EvidenceItem::eventId))
        .limit(max)
        .toList();
  }

  public JsonObject toJson() {
    JsonArray items = new JsonArray();
    evidence.forEach(item -> items.add(item.toJson()));
    JsonObject json = new JsonObject()
        .put("service", service)
        .put("signature", signature)
        .put("category", category)
        .put("severity", severity)
        .put("title", title)
        .put("explanation", explanation)
        .put("firstSeen", Instant.ofEpochMilli(firstSeenMillis).toString())
        .put("firstSeenMillis", firstSeenMillis)
        .put("lastSeen", Instant.ofEpochMilli(lastSeenMillis).toString())
        .put("lastSeenMillis", lastSeenMillis)
        .put("count", count)
        .put("evidence", items)
        .put("steps", new JsonArray(steps));
    if (!deploymentId.isEmpty()) {
      json.put("deploymentId", deploymentId);
    }
    if (!origin.isEmpty()) {
      json.put("origin", origin);
    }
    return json;
  }

  public static Diagnosis fromJson(JsonObject json) {
    List<EvidenceItem> items = new ArrayList<>();
    json.getJsonArray("evidence").forEach(item -> items.add(EvidenceItem.fromJson((JsonObject) item)));
    List<String> steps = new ArrayList<>();
    json.getJsonArray("steps").forEach(step -> steps.add((String) step));
    return new Diagnosis(json.getString("service"), json.getString("signature"), json.getString("category"), json.getString("severity"),
        json.getString("title"), json.getString("explanation"), json.getLong("firstSeenMillis"), json.getLong("lastSeenMillis"),
        json.getLong("count"), items, steps, json.getString("deploymentId", ""), json.getString("origin", ""));
  }
}
