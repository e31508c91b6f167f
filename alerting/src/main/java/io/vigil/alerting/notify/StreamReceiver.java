package io.vigil.alerting.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vigil.alerting.Notification;
import io.vigil.model.Addresses;

/** The dashboard's receiver: publishes the notification body on {@link Addresses#STREAM_ALERTS} for WebSocket clients. */
public final class StreamReceiver implements Receiver {

  private final Vertx vertx;

  public StreamReceiver(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<DeliveryResult> send(Notification notification) {
    vertx.eventBus().publish(Addresses.STREAM_ALERTS, new JsonObject(notification.payload()));
    return Future.succeededFuture(DeliveryResult.delivered());
  }
}
