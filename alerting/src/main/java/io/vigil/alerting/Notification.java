package io.vigil.alerting;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One notification as written to the outbox before it is sent: the receiver (with its secret, the
 * outbox being internal), the exact body to send and the delivery id every retry of it carries.
 *
 * @param payload the encoded JSON body, signed and sent byte for byte on every attempt (for an
 *     {@code alertmanager} receiver, the array of alerts it posts)
 */
public record Notification(
    String deliveryId,
    String subscription,
    JsonObject receiver,
    String groupKey,
    String status,
    long createdAtMillis,
    String payload) {

  /**
   * The notification a group sends as its {@code sequence}-th, at {@code nowMillis}, in the
   * receiver's {@link NotificationFormat}; the delivery id follows from the group, the sequence and
   * the time, so a re-send from the outbox carries the same one.
   *
   * @param reminderOf the silence this is a reminder of, or null
   * @param externalUrl Vigil's own base URL, for the links in the body
   */
  static Notification of(Subscription subscription, String groupKey, long sequence, SortedMap<String, String> groupLabels,
      List<Alert> alerts, String status, Silence reminderOf, long nowMillis, String externalUrl) {
    String deliveryId = "d-" + Alert.sha256Hex(groupKey + "|" + sequence + "|" + nowMillis).substring(0, 24);
    if (AlertmanagerPayload.RECEIVER_TYPE.equals(subscription.receiver().getString("type"))) {
      String posted = AlertmanagerPayload.postable(alerts, nowMillis, subscription.repeatIntervalMillis(), externalUrl).encode();
      return new Notification(deliveryId, subscription.name(), subscription.receiver(), groupKey, status, nowMillis, posted);
    }
    JsonObject body = switch (NotificationFormat.of(subscription.receiver())) {
      case ALERTMANAGER -> AlertmanagerPayload.of(subscription.name(), groupKey, groupLabels, alerts, status, reminderOf, externalUrl);
      case VIGIL -> vigilBody(deliveryId, subscription.name(), groupKey, groupLabels, alerts, status, reminderOf);
    };
    return new Notification(deliveryId, subscription.name(), subscription.receiver(), groupKey, status, nowMillis, body.encode());
  }

  /**
   * Vigil's own body: Alertmanager's shape (version "1") plus the delivery id, each alert's id and
   * its newest anomalies, and a silence reminder's details; {@code endsAt} is null while firing.
   */
  private static JsonObject vigilBody(String deliveryId, String receiver, String groupKey, SortedMap<String, String> groupLabels,
      List<Alert> alerts, String status, Silence reminderOf) {
    JsonArray alertArray = new JsonArray();
    for (Alert alert : alerts) {
      JsonObject full = alert.toJson();
      alertArray.add(new JsonObject()
          .put("id", alert.id())
          .put("fingerprint", alert.fingerprint())
          .put("status", alert.status())
          .put("labels", full.getJsonObject("labels"))
          .put("annotations", full.getJsonObject("annotations"))
          .put("startsAt", full.getString("startsAt"))
          .put("endsAt", full.getString("endsAt"))
          .put("acknowledged", alert.acknowledged())
          .put("anomalies", full.getJsonArray("anomalies")));
    }
    JsonObject body = new JsonObject()
        .put("version", "1")
        .put("deliveryId", deliveryId)
        .put("groupKey", groupKey)
        .put("status", status)
        .put("receiver", receiver)
        .put("groupLabels", new JsonObject(new TreeMap<String, Object>(groupLabels)))
        .put("commonLabels", new JsonObject(new TreeMap<String, Object>(commonLabels(alerts))))
        .put("alerts", alertArray);
    if (reminderOf != null) {
      body.put("reminder", new JsonObject().put("silenceId", reminderOf.id()).put("endsAt", reminderOf.toJson().getString("endsAt"))
          .put("comment", reminderOf.comment()));
    }
    return body;
  }

  private static Map<String, String> commonLabels(List<Alert> alerts) {
    Map<String, String> common = new TreeMap<>(alerts.get(0).labels());
    for (Alert alert : alerts) {
      common.entrySet().removeIf(entry -> !Objects.equals(alert.labels().get(entry.getKey()), entry.getValue()));
    }
    return common;
  }

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
