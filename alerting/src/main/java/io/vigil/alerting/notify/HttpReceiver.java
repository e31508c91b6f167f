package io.vigil.alerting.notify;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vigil.alerting.Notification;
import io.vigil.alerting.ReceiverUrlGuard;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;

/**
 * Webhook and Slack receivers: one POST per attempt, with a timeout and without following redirects.
 * Webhooks get the notification body as is, signed with its send time ({@link WebhookSignature})
 * when the receiver has a secret; Slack gets a {@code {"text": ...}} summary. Both carry the
 * delivery id in {@code X-Vigil-Delivery}, the same on every retry.
 */
public final class HttpReceiver implements Receiver {

  public static final String DELIVERY_HEADER = "X-Vigil-Delivery";

  private final WebClient client;
  private final ReceiverUrlGuard guard;
  private final long timeoutMillis;
  private final Clock clock;

  /** @param clock the time each attempt is signed with */
  public HttpReceiver(WebClient client, ReceiverUrlGuard guard, long timeoutMillis, Clock clock) {
    this.client = client;
    this.guard = guard;
    this.timeoutMillis = timeoutMillis;
    this.clock = clock;
  }

  @Override
  public Future<DeliveryResult> send(Notification notification) {
    String url = notification.receiver().getString("url");
    return guard.check(url).compose(target -> {
      if (target.unresolved()) {
        // DNS failures are often brief: retried like a refused connection, until the maximum age.
        return Future.succeededFuture(DeliveryResult.retry(target.problem()));
      }
      if (target.problem() != null) {
        return Future.succeededFuture(DeliveryResult.permanent("receiver URL refused: " + target.problem()));
      }
      boolean slack = "slack".equals(notification.receiverType());
      String body = slack ? slackBody(notification) : notification.payload();
      // Connect to the address the guard checked; the URL still names the host for the Host header
      // and TLS (server name and certificate check).
      URI uri = URI.create(url);
      int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      SocketAddress server = SocketAddress.inetSocketAddress(new InetSocketAddress(target.address(), port));
      HttpRequest<Buffer> request = client.request(HttpMethod.POST, server, new RequestOptions().setAbsoluteURI(url))
          .followRedirects(false)
          .timeout(timeoutMillis)
          .putHeader("Content-Type", "application/json")
          .putHeader("User-Agent", "Vigil-Alerting/1")
          .putHeader(DELIVERY_HEADER, notification.deliveryId());
      String secret = notification.receiver().getString("secret", "");
      if (!slack && !secret.isEmpty()) {
        long timestampSeconds = Math.floorDiv(clock.millis(), 1000L);
        request.putHeader(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(timestampSeconds))
            .putHeader(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestampSeconds, body));
      }
      return request.sendBuffer(Buffer.buffer(body))
          .map(response -> DeliveryResult.ofHttpStatus(response.statusCode()))
          .otherwise(failure -> DeliveryResult.retry(scrub(failure.getClass().getSimpleName() + ": " + failure.getMessage(), url)));
    });
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
