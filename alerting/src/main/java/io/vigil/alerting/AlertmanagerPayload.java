package io.vigil.alerting;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Alertmanager's webhook_config payload, field for field (version "4"): {@code version, groupKey,
 * truncatedAlerts, status, receiver, groupLabels, commonLabels, commonAnnotations, externalURL,
 * alerts[{status, labels, annotations, startsAt, endsAt, generatorURL, fingerprint}]}, with
 * {@code endsAt} {@value #ZERO_TIME} while firing as Alertmanager sends Go's zero time. Vigil's
 * extras travel as annotations named {@code vigil_*}, every value text as Alertmanager's are; each
 * alert's labels gain {@code alertname} (its metric) when they have none, as Alertmanager's alerts
 * always carry one.
 */
final class AlertmanagerPayload {

  static final String VERSION = "4";
  /** The receiver type that posts alerts to an Alertmanager's API instead of a webhook body. */
  static final String RECEIVER_TYPE = "alertmanager";
  /** How many repeat intervals a posted firing alert stays valid in Alertmanager without being posted again. */
  static final int VALID_REPEATS = 3;
  /** Go's zero time as Alertmanager marshals it: the end of an alert that is still firing. */
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private AlertmanagerPayload() {}

  static JsonObject of(String receiver, String groupKey, SortedMap<String, String> groupLabels, List<Alert> alerts, String status,
      Silence reminderOf, String externalUrl) {
    JsonArray alertArray = new JsonArray();
    Map<String, String> commonLabels = null;
    Map<String, String> commonAnnotations = null;
    for (Alert alert : alerts) {
      SortedMap<String, String> labels = labels(alert);
      SortedMap<String, String> annotations = annotations(alert, reminderOf);
      commonLabels = intersect(commonLabels, labels);
      commonAnnotations = intersect(commonAnnotations, annotations);
      alertArray.add(new JsonObject()
          .put("status", alert.status())
          .put("labels", object(labels))
          .put("annotations", object(annotations))
          .put("startsAt", Instant.ofEpochMilli(alert.startsAtMillis()).toString())
          .put("endsAt", alert.firing() ? ZERO_TIME : Instant.ofEpochMilli(alert.endsAtMillis()).toString())
          .put("generatorURL", externalUrl + "/api/v1/alerts/" + alert.id())
          .put("fingerprint", alert.fingerprint()));
    }
    return new JsonObject()
        .put("version", VERSION)
        .put("groupKey", groupKey)
        .put("truncatedAlerts", 0)
        .put("status", status)
        .put("receiver", receiver)
        .put("groupLabels", object(groupLabels))
        .put("commonLabels", object(commonLabels == null ? Map.of() : commonLabels))
        .put("commonAnnotations", object(commonAnnotations == null ? Map.of() : commonAnnotations))
        .put("externalURL", externalUrl)
        .put("alerts", alertArray);
  }

  /**
   * The alerts as a client posts them to Alertmanager's {@code /api/v2/alerts} (postableAlerts:
   * labels, annotations, startsAt, endsAt, generatorURL): a firing one ends {@value #VALID_REPEATS}
   * repeat intervals after {@code nowMillis}, so Alertmanager keeps it while Vigil re-posts it every
   * interval and resolves it by itself if Vigil stops; a resolved one ends when it resolved.
   */
  static JsonArray postable(List<Alert> alerts, long nowMillis, long repeatIntervalMillis, String externalUrl) {
    JsonArray posted = new JsonArray();
    for (Alert alert : alerts) {
      long endsAt = alert.firing() ? nowMillis + VALID_REPEATS * repeatIntervalMillis : alert.endsAtMillis();
      posted.add(new JsonObject()
          .put("labels", object(labels(alert)))
          .put("annotations", object(annotations(alert, null)))
          .put("startsAt", Instant.ofEpochMilli(alert.startsAtMillis()).toString())
          .put("endsAt", Instant.ofEpochMilli(endsAt).toString())
          .put("generatorURL", externalUrl + "/api/v1/alerts/" + alert.id()));
    }
    return posted;
  }

  private static SortedMap<String, String> labels(Alert alert) {
    SortedMap<String, String> labels = new TreeMap<>(alert.labels());
    labels.putIfAbsent("alertname", alert.labels().getOrDefault("metric", "VigilAnomaly"));
    return labels;
  }

  /** The alert's annotations and Vigil's extras: its id, series, acknowledgement, cadence, newest anomaly and reminder. */
  private static SortedMap<String, String> annotations(Alert alert, Silence reminderOf) {
    SortedMap<String, String> annotations = new TreeMap<>(alert.annotations());
    annotations.put("vigil_alert_id", alert.id());
    annotations.put("vigil_series_id", alert.seriesId());
    annotations.put("vigil_acknowledged", String.valueOf(alert.acknowledged()));
    if (alert.periodMillis() > 0) {
      annotations.put("vigil_period_seconds", String.valueOf(alert.periodMillis() / 1000));
    }
    if (!alert.anomalies().isEmpty()) {
      JsonObject newest = alert.anomalies().get(alert.anomalies().size() - 1);
      annotations.put("vigil_anomaly_at", String.valueOf(newest.getString("timestamp")));
      annotations.put("vigil_value", String.valueOf(newest.getValue("value")));
      annotations.put("vigil_score", String.valueOf(newest.getValue("score")));
      JsonObject expected = newest.getJsonObject("expected", new JsonObject());
      annotations.put("vigil_expected", expected.getValue("lower") + " to " + expected.getValue("upper"));
    }
    if (reminderOf != null) {
      annotations.put("vigil_reminder_silence_id", reminderOf.id());
      annotations.put("vigil_reminder_silence_ends_at", Instant.ofEpochMilli(reminderOf.endsAtMillis()).toString());
      annotations.put("vigil_reminder_comment", reminderOf.comment() == null ? "" : reminderOf.comment());
    }
    return annotations;
  }

  private static Map<String, String> intersect(Map<String, String> common, Map<String, String> next) {
    if (common == null) {
      return new TreeMap<>(next);
    }
    common.entrySet().removeIf(entry -> !Objects.equals(next.get(entry.getKey()), entry.getValue()));
    return common;
  }

  private static JsonObject object(Map<String, String> map) {
    return new JsonObject(new TreeMap<String, Object>(map));
  }
}
