package io.vigil.alerting.notify;

import io.vertx.core.Future;
import io.vigil.alerting.Notification;

/** Sends one attempt of a notification to one kind of destination. Never blocks; never fails the future (failures are results). */
public interface Receiver {

  Future<DeliveryResult> send(Notification notification);
}
