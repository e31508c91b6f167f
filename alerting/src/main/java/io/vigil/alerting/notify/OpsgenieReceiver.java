package io.vigil.alerting.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.alerting.Notification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Opsgenie's Alert API: each firing alert of a notification is created ({@code POST <base>/v2/alerts})
 * with its fingerprint as the alias, so repeats and retries de-duplicate in Opsgenie; each resolved
 * one is closed by alias ({@code POST <base>/v2/alerts/<alias>/close?identifierType=alias}). The
 * requests go one after another and the first that does not succeed decides the attempt's result;
 * a retry sends them all again, which the aliases make harmless. The key is the receiver's
 * {@code apiKey}, sent as {@code Authorization: GenieKey <key>}.
 */
public final class OpsgenieReceiver implements Receiver {

  static final int MAX_MESSAGE = 130;
  static final int MAX_DESCRIPTION = 15_000;

  private final GuardedPost post;
  private final String baseUrl;

  OpsgenieReceiver(GuardedPost post, String baseUrl) {
    this.post = post;
    this.baseUrl = baseUrl;
  }

  /** One request of a notification: where it goes and its body. */
  record Request(String path, JsonObject body) {}

  @Override
  public Future<DeliveryResult> send(Notification notification) {
    Map<String, String> headers = Map.of("Authorization", "GenieKey " + notification.receiver().getString("apiKey"));
    Future<DeliveryResult> chain = Future.succeededFuture(DeliveryResult.delivered());
    for (Request request : requests(notification)) {
      chain = chain.compose(previous -> previous.outcome() != DeliveryResult.Outcome.DELIVERED ? Future.succeededFuture(previous)
          : post.send(baseUrl + request.path(), request.body().encode(), notification.deliveryId(), headers));
    }
    return chain;
  }

  static List<Request> requests(Notification notification) {
    VigilBody body = VigilBody.of(notification.payload());
    return body.alerts().stream().map(alert -> "firing".equals(alert.getString("status")) ? create(alert) : close(alert)).toList();
  }

  private static Request create(JsonObject alert) {
    JsonObject labels = alert.getJsonObject("labels", new JsonObject());
    JsonObject details = new JsonObject();
    labels.forEach(entry -> details.put(entry.getKey(), String.valueOf(entry.getValue())));
    details.put("vigilAlertId", alert.getString("id", "")).put("startsAt", alert.getString("startsAt", ""));
    String service = labels.getString("service", "");
    JsonArray tags = new JsonArray().add("vigil");
    if (!service.isEmpty()) {
      tags.add(service);
    }
    tags.add(labels.getString("severity", "warning"));
    JsonObject body = new JsonObject()
        .put("message", VigilBody.truncate(VigilBody.summaryOf(alert), MAX_MESSAGE))
        .put("alias", alert.getString("fingerprint"))
        .put("description", VigilBody.truncate(description(alert), MAX_DESCRIPTION))
        .put("tags", tags)
        .put("details", details)
        .put("source", "Vigil")
        .put("priority", priority(labels.getString("severity", "warning")));
    if (!service.isEmpty()) {
      body.put("entity", service);
    }
    return new Request("/v2/alerts", body);
  }

  private static Request close(JsonObject alert) {
    String alias = URLEncoder.encode(alert.getString("fingerprint"), StandardCharsets.UTF_8);
    return new Request("/v2/alerts/" + alias + "/close?identifierType=alias",
        new JsonObject().put("source", "Vigil").put("note", "Resolved in Vigil at " + alert.getString("endsAt")));
  }

  private static String description(JsonObject alert) {
    StringBuilder text = new StringBuilder(VigilBody.summaryOf(alert));
    JsonArray anomalies = alert.getJsonArray("anomalies", new JsonArray());
    for (int i = 0; i < anomalies.size(); i++) {
      JsonObject anomaly = anomalies.getJsonObject(i);
      text.append("\n").append(anomaly.getString("timestamp")).append(": value ").append(anomaly.getValue("value"))
          .append(", score ").append(anomaly.getValue("score"));
    }
    return text.toString();
  }

  /** Opsgenie's priorities run P1 (highest) to P5. */
  private static String priority(String severity) {
    return switch (severity) {
      case "critical" -> "P1";
      case "warning" -> "P3";
      default -> "P5";
    };
  }
}
