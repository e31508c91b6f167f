package io.vigil.alerting;

import io.vertx.core.json.JsonObject;

/**
 * One notification as written to the outbox before it is sent: the receiver (with its secret, the
 * outbox being internal), the exact body to send and the delivery id every retry of it carries.
 *
 * @param payload the encoded JSON body, signed and sent byte for byte on every attempt
 */
public record Notification(
    String deliveryId,
    String subscription,
    JsonObject receiver,
    String groupKey,
    String status,
    long createdAtMillis,
    String payload) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("deliveryId", deliveryId)
        .put("subscription", subscription)
        .put("receiver", receiver)
        .put("groupKey", groupKey)
        .put("status", status)
        .put("createdAtMillis", createdAtMillis)
        .put("payload", payload);
  }

  public static Notification fromJson(JsonObject json) {
    return new Notification(json.getString("deliveryId"), json.getString("subscription"), json.getJsonObject("receiver"),
        json.getString("groupKey"), json.getString("status"), json.getLong("createdAtMillis"), json.getString("payload"));
  }

  public String receiverType() {
    return receiver.getString("type");
  }

  /** Rate limits and statistics are kept per receiver: its type and destination. */
  public String receiverKey() {
    return receiverType() + ":" + receiver.getString("url", receiver.getString("topicArn", subscription));
  }
}
