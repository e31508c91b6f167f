package io.vigil.health;

import io.vertx.core.json.JsonObject;
import io.vigil.model.Severity;

/** The latest anomaly of a series, as far as health needs it: its id, severity, score and time. */
public record AnomalyMark(String id, Severity severity, double score, long timestampMillis) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("severity", severity.wireName()).put("score", score).put("timestampMillis", timestampMillis);
  }

  public static AnomalyMark fromJson(JsonObject json) {
    return new AnomalyMark(json.getString("id"), Severity.fromWire(json.getString("severity")), json.getDouble("score"),
        json.getLong("timestampMillis"));
  }
}
