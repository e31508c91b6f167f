package io.vigil.alerting.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vigil.alerting.Notification;
import io.vigil.alerting.ReceiverUrlGuard;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Webhook and Slack receivers: one POST per attempt, with a timeout and without following redirects.
 * Webhooks get the notification body as is, signed with its send time ({@link WebhookSignature})
 * when the receiver has a secret; Slack gets a {@code {"text": ...}} summary. Both carry the
 * delivery id in {@code X-Vigil-Delivery}, the same on every retry.
 */
public final class HttpReceiver implements Receiver {

  public static final String DELIVERY_HEADER = GuardedPost.DELIVERY_HEADER;

  private final GuardedPost post;
  private final Clock clock;

  /** @param clock the time each attempt is signed with */
  public HttpReceiver(WebClient client, ReceiverUrlGuard guard, long timeoutMillis, Clock clock) {
    this.post = new GuardedPost(client, guard, timeoutMillis);
    this.clock = clock;
  }

  @Override
  public Future<DeliveryResult> send(Notification notification) {
    String url = notification.receiver().getString("url");
    boolean slack = "slack".equals(notification.receiverType());
    String body = slack ? slackBody(notification) : notification.payload();
    Map<String, String> headers = new LinkedHashMap<>();
    String secret = notification.receiver().getString("secret", "");
    if (!slack && !secret.isEmpty()) {
      long timestampSeconds = Math.floorDiv(clock.millis(), 1000L);
      headers.put(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(timestampSeconds));
      headers.put(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestampSeconds, body));
    }
    return post.send(url, body, notification.deliveryId(), headers);
  }

  /**
   * Removes the URL's path and query from a failure message: a Slack webhook URL carries its token
   * in the path, and reasons end up in logs and in the deliveries API.
   */
  public static String scrub(String message, String url) {
    URI uri = URI.create(url);
    String scrubbed = message;
    for (String secretPart : new String[] {uri.getRawQuery(), uri.getRawPath()}) {
      if (secretPart != null && secretPart.length() > 1) {
        scrubbed = scrubbed.replace(secretPart, "/********");
      }
    }
    return scrubbed;
  }

  static String slackBody(Notification notification) {
    JsonObject payload = new JsonObject(notification.payload());
    JsonArray alerts = payload.getJsonArray("alerts", new JsonArray());
    StringBuilder text = new StringBuilder();
    text.append(payload.containsKey("reminder") ? ":alarm_clock: Silence ending soon: " : "")
        .append("firing".equals(payload.getString("status")) ? ":red_circle: " : ":large_green_circle: ")
        .append('[').append(payload.getString("status").toUpperCase(java.util.Locale.ROOT)).append(':').append(alerts.size()).append("] ")
        .append(payload.getString("groupKey"));
    for (int i = 0; i < alerts.size() && i < 20; i++) {
      JsonObject alert = alerts.getJsonObject(i);
      text.append("\n• ").append(alert.getString("status")).append(": ")
          .append(alert.getJsonObject("annotations", new JsonObject()).getString("summary", alert.getString("fingerprint")));
    }
    return new JsonObject().put("text", text.toString()).encode();
  }
}
