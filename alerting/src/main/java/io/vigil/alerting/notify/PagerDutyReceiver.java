package io.vigil.alerting.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.alerting.Notification;
import java.util.List;
import java.util.Map;

/**
 * PagerDuty's Events API v2 ({@code POST <base>/v2/enqueue}): a notification group is one PagerDuty
 * alert, its {@code dedup_key} the group key (stable across repeats and retries), triggered while
 * firing, acknowledged once every firing alert is acknowledged in Vigil, resolved when the group
 * resolves. The routing key is the receiver's {@code routingKey}.
 */
public final class PagerDutyReceiver implements Receiver {

  static final int MAX_SUMMARY = 1024;
  static final int MAX_DEDUP_KEY = 255;

  private final GuardedPost post;
  private final String baseUrl;

  PagerDutyReceiver(GuardedPost post, String baseUrl) {
    this.post = post;
    this.baseUrl = baseUrl;
  }

  @Override
  public Future<DeliveryResult> send(Notification notification) {
    String body = event(notification).encode();
    return post.send(baseUrl + "/v2/enqueue", body, notification.deliveryId(), Map.of());
  }

  /** The event for a notification, as the Events API v2 documents it. */
  static JsonObject event(Notification notification) {
    VigilBody body = VigilBody.of(notification.payload());
    List<JsonObject> firing = body.alerts().stream().filter(alert -> "firing".equals(alert.getString("status"))).toList();
    String action = "resolved".equals(body.status()) || firing.isEmpty() ? "resolve"
        : firing.stream().allMatch(alert -> alert.getBoolean("acknowledged", false)) ? "acknowledge" : "trigger";
    String dedupKey = notification.groupKey().length() <= MAX_DEDUP_KEY ? notification.groupKey()
        : notification.groupKey().substring(0, MAX_DEDUP_KEY);
    JsonObject event = new JsonObject()
        .put("routing_key", notification.receiver().getString("routingKey"))
        .put("event_action", action)
        .put("dedup_key", dedupKey);
    if (!action.equals("trigger")) {
      return event;
    }
    JsonObject common = body.commonLabels();
    JsonArray alerts = new JsonArray();
    firing.forEach(alert -> alerts.add(new JsonObject().put("summary", VigilBody.summaryOf(alert))
        .put("severity", VigilBody.label(alert, "severity", "warning")).put("startsAt", alert.getString("startsAt"))
        .put("labels", alert.getJsonObject("labels", new JsonObject()))));
    JsonObject payload = new JsonObject()
        .put("summary", VigilBody.truncate(body.title(), MAX_SUMMARY))
        .put("source", common.getString("service", "vigil").isEmpty() ? "vigil" : common.getString("service", "vigil"))
        .put("severity", severity(firing))
        .put("timestamp", firing.get(0).getString("startsAt"))
        .put("custom_details", new JsonObject().put("groupKey", body.groupKey()).put("alerts", alerts));
    if (common.containsKey("service")) {
      payload.put("component", common.getString("service"));
    }
    if (common.containsKey("namespace")) {
      payload.put("group", common.getString("namespace"));
    }
    if (common.containsKey("metric")) {
      payload.put("class", common.getString("metric"));
    }
    return event.put("payload", payload).put("client", "Vigil");
  }

  /** PagerDuty's severities are critical, error, warning and info; Vigil's map onto them by name. */
  private static String severity(List<JsonObject> firing) {
    boolean critical = firing.stream().anyMatch(alert -> "critical".equals(VigilBody.label(alert, "severity", "")));
    boolean warning = firing.stream().anyMatch(alert -> "warning".equals(VigilBody.label(alert, "severity", "")));
    return critical ? "critical" : warning ? "warning" : "info";
  }
}
