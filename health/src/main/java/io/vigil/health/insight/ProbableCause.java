package io.vigil.health.insight;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.health.Evidence;
import java.util.ArrayList;
import java.util.List;

/**
 * One probable cause of an insight: its kind, a sentence for people, a confidence in [0, 1] and
 * the evidence behind it.
 *
 * @param kind {@code memory-kill}, {@code memory-saturation}, {@code dependency}, {@code deployment},
 *     {@code first-signal} or {@code log-errors}
 */
public record ProbableCause(String kind, String description, double confidence, List<Evidence> evidence) {

  public ProbableCause {
    evidence = List.copyOf(evidence);
    confidence = Math.round(confidence * 100) / 100.0;
  }

  public JsonObject toJson() {
    JsonArray facts = new JsonArray();
    evidence.forEach(fact -> facts.add(fact.toJson()));
    return new JsonObject().put("kind", kind).put("description", description).put("confidence", confidence)
        .put("evidence", facts);
  }

  public static ProbableCause fromJson(JsonObject json) {
    List<Evidence> evidence = new ArrayList<>();
    json.getJsonArray("evidence").forEach(fact -> evidence.add(Evidence.fromJson((JsonObject) fact)));
    return new ProbableCause(json.getString("kind"), json.getString("description"), json.getDouble("confidence"), evidence);
  }
}
