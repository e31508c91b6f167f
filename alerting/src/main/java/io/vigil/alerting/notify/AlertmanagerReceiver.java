package io.vigil.alerting.notify;

import io.vertx.core.Future;
import io.vigil.alerting.Notification;
import java.util.Map;

/**
 * Posts a notification's alerts to an existing Alertmanager ({@code POST <url>/api/v2/alerts}), so
 * its routing, silences, inhibition and receivers take over. The outbox payload is already the
 * postable alerts array; firing alerts carry an end a few repeat intervals ahead and the subscription
 * re-posts them every repeat interval (1 minute by default) until they resolve, as Alertmanager
 * expects of a client; the resolved post carries the real end.
 */
public final class AlertmanagerReceiver implements Receiver {

  static final String ALERTS_PATH = "/api/v2/alerts";

  private final GuardedPost post;

  AlertmanagerReceiver(GuardedPost post) {
    this.post = post;
  }

  @Override
  public Future<DeliveryResult> send(Notification notification) {
    String base = notification.receiver().getString("url");
    String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + ALERTS_PATH;
    return post.send(url, notification.payload(), notification.deliveryId(), Map.of());
  }
}
