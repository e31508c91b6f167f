package io.vigil.health;

import io.vertx.core.json.JsonObject;

/**
 * One fact behind a deduction: the series (or dependency) it is about, its value and time, and the
 * anomaly id where an anomaly is the fact.
 *
 * @param subject a series id, or for a dependency the service's name
 * @param anomalyId the anomaly's id, or empty
 */
public record Evidence(String subject, String metric, double value, long timestampMillis, String anomalyId) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("metric", metric).put("value", value).put("timestampMillis", timestampMillis);
    if (subject.startsWith("s-")) {
      json.put("seriesId", subject);
    } else {
      json.put("service", subject);
    }
    if (!anomalyId.isEmpty()) {
      json.put("anomalyId", anomalyId);
    }
    return json;
  }

  public static Evidence fromJson(JsonObject json) {
    return new Evidence(json.getString("seriesId", json.getString("service", "")), json.getString("metric"), json.getDouble("value"),
        json.getLong("timestampMillis"), json.getString("anomalyId", ""));
  }
}
