package io.vigil.alerting.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading Vigil's own notification body (the outbox payload every receiver but an Alertmanager-format
 * webhook is given), for the receivers that translate it into a vendor's request.
 */
record VigilBody(JsonObject json) {

  static VigilBody of(String payload) {
    return new VigilBody(new JsonObject(payload));
  }

  String status() {
    return json.getString("status", "firing");
  }

  String groupKey() {
    return json.getString("groupKey", "");
  }

  JsonObject commonLabels() {
    return json.getJsonObject("commonLabels", new JsonObject());
  }

  List<JsonObject> alerts() {
    List<JsonObject> alerts = new ArrayList<>();
    json.getJsonArray("alerts", new JsonArray()).forEach(item -> alerts.add((JsonObject) item));
    return alerts;
  }

  static String summaryOf(JsonObject alert) {
    return alert.getJsonObject("annotations", new JsonObject()).getString("summary", alert.getString("fingerprint", "alert"));
  }

  static String label(JsonObject alert, String name, String fallback) {
    return alert.getJsonObject("labels", new JsonObject()).getString(name, fallback);
  }

  /** {@code [FIRING:2] <first alert's summary>}, the one-line title of the notification. */
  String title() {
    List<JsonObject> alerts = alerts();
    String first = alerts.isEmpty() ? groupKey() : summaryOf(alerts.get(0));
    String reminder = json.containsKey("reminder") ? "Silence ending soon: " : "";
    return reminder + "[" + status().toUpperCase(java.util.Locale.ROOT) + ":" + alerts.size() + "] " + first;
  }

  static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
