package io.vigil.alerting.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.alerting.Notification;
import java.util.List;
import java.util.Map;

/**
 * Microsoft Teams incoming webhooks (a channel's Workflows or connector URL): the notification as an
 * Adaptive Card (1.4) in a message attachment, a title line and a fact set per alert, at most
 * {@value #MAX_ALERTS} alerts. The URL is the credential, so it is masked like Slack's.
 */
public final class TeamsReceiver implements Receiver {

  static final int MAX_ALERTS = 10;

  private final GuardedPost post;

  TeamsReceiver(GuardedPost post) {
    this.post = post;
  }

  @Override
  public Future<DeliveryResult> send(Notification notification) {
    return post.send(notification.receiver().getString("url"), card(notification).encode(), notification.deliveryId(), Map.of());
  }

  static JsonObject card(Notification notification) {
    VigilBody body = VigilBody.of(notification.payload());
    JsonArray blocks = new JsonArray().add(new JsonObject().put("type", "TextBlock").put("text", body.title())
        .put("weight", "Bolder").put("size", "Medium").put("wrap", true)
        .put("color", "firing".equals(body.status()) ? "Attention" : "Good"));
    List<JsonObject> alerts = body.alerts();
    for (JsonObject alert : alerts.subList(0, Math.min(MAX_ALERTS, alerts.size()))) {
      blocks.add(new JsonObject().put("type", "TextBlock").put("text", VigilBody.summaryOf(alert)).put("wrap", true).put("separator", true));
      blocks.add(new JsonObject().put("type", "FactSet").put("facts", new JsonArray()
          .add(fact("Status", alert.getString("status", "")))
          .add(fact("Service", VigilBody.label(alert, "service", "")))
          .add(fact("Severity", VigilBody.label(alert, "severity", "")))
          .add(fact("Since", alert.getString("startsAt", "")))));
    }
    if (alerts.size() > MAX_ALERTS) {
      blocks.add(new JsonObject().put("type", "TextBlock").put("text", "… and " + (alerts.size() - MAX_ALERTS) + " more").put("wrap", true));
    }
    JsonObject content = new JsonObject()
        .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
        .put("type", "AdaptiveCard")
        .put("version", "1.4")
        .put("body", blocks);
    return new JsonObject().put("type", "message").put("attachments", new JsonArray().add(new JsonObject()
        .put("contentType", "application/vnd.microsoft.card.adaptive")
        .put("contentUrl", (Object) null)
        .put("content", content)));
  }

  private static JsonObject fact(String title, String value) {
    return new JsonObject().put("title", title).put("value", value.isEmpty() ? "-" : value);
  }
}
