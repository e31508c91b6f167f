package io.vigil.engine.alerting.delivery;

import io.vertx.core.Future;
import io.vigil.engine.alerting.Notification;

/** Sends one attempt of a notification to one kind of destination. Never blocks; never fails the future (failures are results). */
public interface Receiver {

  Future<DeliveryResult> send(Notification notification);
}
