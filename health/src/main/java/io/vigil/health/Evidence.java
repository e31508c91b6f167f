package io.vigil.health;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * One fact behind a deduction: the series (or dependency) it is about, its value and time, and the
 * anomaly id where an anomaly is the fact, or the log event where a log line is.
 *
 * @param subject a series id, or for a dependency the service's name
 * @param anomalyId the anomaly's id, or empty
 * @param log the log event behind the fact, if one is
 */
public record Evidence(String subject, String metric, double value, long timestampMillis, String anomalyId, Optional<LogMark> log) {

  /** The prefix of the ids of signals read from logs. */
  public static final String LOG_SIGNAL_PREFIX = "log:";

  public Evidence(String subject, String metric, double value, long timestampMillis, String anomalyId) {
    this(subject, metric, value, timestampMillis, anomalyId, Optional.empty());
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("metric", metric).put("value", value).put("timestampMillis", timestampMillis);
    if (subject.startsWith("s-")) {
      json.put("seriesId", subject);
    } else if (subject.startsWith(LOG_SIGNAL_PREFIX)) {
      json.put("signalId", subject);
    } else {
      json.put("service", subject);
    }
    if (!anomalyId.isEmpty()) {
      json.put("anomalyId", anomalyId);
    }
    log.ifPresent(mark -> json.put("logEvent", mark.toJson()));
    return json;
  }

  public static Evidence fromJson(JsonObject json) {
    JsonObject log = json.getJsonObject("logEvent");
    return new Evidence(json.getString("seriesId", json.getString("signalId", json.getString("service", ""))), json.getString("metric"), json.getDouble("value"),
        json.getLong("timestampMillis"), json.getString("anomalyId", ""), log == null ? Optional.empty() : Optional.of(LogMark.fromJson(log)));
  }
}
