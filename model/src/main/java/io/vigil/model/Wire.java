package io.vigil.model;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.TreeMap;

/**
 * The JSON form of every shared value, used on Kafka, on the event bus and in the REST API alike.
 * Timestamps travel as ISO-8601 text and epoch milliseconds; readers use the milliseconds.
 */
public final class Wire {

  private Wire() {}

  public static JsonObject series(SeriesKey series) {
    return new JsonObject()
        .put("id", series.id())
        .put("namespace", series.namespace())
        .put("metric", series.metric())
        .put("dimensions", dimensions(series));
  }

  /** A point; {@code "history": true} only on history, so live points read as before. */
  public static JsonObject point(MetricPoint point) {
    JsonObject json = observation(point.series(), point.timestampMillis(), point.value()).put("unit", point.unit());
    return point.history() ? json.put("history", true) : json;
  }

  public static MetricPoint point(JsonObject json) {
    return new MetricPoint(seriesKey(json), json.getLong("timestampMillis"), json.getDouble("value"), json.getString("unit"),
        json.getBoolean("history", false));
  }

  public static JsonObject logEvent(LogEvent event) {
    return new JsonObject()
        .put("id", event.eventId())
        .put("logGroup", event.logGroup())
        .put("logStream", event.logStream())
        .put("timestamp", Instant.ofEpochMilli(event.timestampMillis()).toString())
        .put("timestampMillis", event.timestampMillis())
        .put("message", event.message());
  }

  public static LogEvent logEvent(JsonObject json) {
    return new LogEvent(
        json.getString("logGroup"),
        json.getString("logStream"),
        json.getLong("timestampMillis"),
        json.getString("message"),
        json.getString("id"));
  }

  public static JsonObject deploymentEvent(DeploymentEvent event) {
    return new JsonObject()
        .put("id", event.eventId())
        .put("deploymentId", event.deploymentId())
        .put("service", event.service())
        .put("kind", event.kind().wireName())
        .put("timestamp", Instant.ofEpochMilli(event.timestampMillis()).toString())
        .put("timestampMillis", event.timestampMillis())
        .put("source", event.source())
        .put("version", event.version())
        .put("commit", event.commit())
        .put("by", event.by())
        .put("resource", event.resource())
        .put("status", event.status())
        .put("reason", event.reason());
  }

  public static DeploymentEvent deploymentEvent(JsonObject json) {
    return new DeploymentEvent(
        json.getString("id"),
        json.getString("deploymentId"),
        json.getString("service"),
        DeploymentEvent.Kind.fromWire(json.getString("kind")),
        json.getLong("timestampMillis"),
        json.getString("source"),
        json.getString("version"),
        json.getString("commit"),
        json.getString("by"),
        json.getString("resource"),
        json.getString("status"),
        json.getString("reason"));
  }

  public static JsonObject scoredPoint(ScoredPoint point) {
    return observation(point.series(), point.timestampMillis(), point.value())
        .put("service", point.service())
        .put("score", point.score())
        .put("expected", new JsonObject().put("lower", point.lower()).put("upper", point.upper()))
        .put("detector", point.detector())
        .put("late", point.late());
  }

  public static ScoredPoint scoredPoint(JsonObject json) {
    JsonObject expected = json.getJsonObject("expected");
    return new ScoredPoint(
        seriesKey(json),
        json.getString("service", ""),
        json.getLong("timestampMillis"),
        json.getDouble("value"),
        json.getDouble("score"),
        expected.getDouble("lower"),
        expected.getDouble("upper"),
        json.getString("detector"));
  }

  /**
   * An anomaly is its scored point plus an id and a severity, and when known the series' cadence
   * ({@code periodMillis}) and {@code "history": true}; records written without them read as an
   * unknown cadence on a live point.
   */
  public static JsonObject anomaly(Anomaly anomaly) {
    JsonObject json = scoredPoint(anomaly.scoredPoint())
        .put("id", anomaly.id())
        .put("severity", anomaly.severity().wireName());
    if (anomaly.periodMillis() > 0) {
      json.put("periodMillis", anomaly.periodMillis());
    }
    if (anomaly.history()) {
      json.put("history", true);
    }
    return json;
  }

  public static Anomaly anomaly(JsonObject json) {
    return Anomaly.of(json.getString("id"), scoredPoint(json), Severity.fromWire(json.getString("severity")))
        .withOrigin(json.getLong("periodMillis", 0L), json.getBoolean("history", false));
  }

  /** The fields every value of a series at a time has. */
  private static JsonObject observation(SeriesKey series, long timestampMillis, double value) {
    return new JsonObject()
        .put("seriesId", series.id())
        .put("namespace", series.namespace())
        .put("metric", series.metric())
        .put("dimensions", dimensions(series))
        .put("timestamp", Instant.ofEpochMilli(timestampMillis).toString())
        .put("timestampMillis", timestampMillis)
        .put("value", value);
  }

  /**
   * The series named by the namespace, metric and dimensions fields of {@code json}, with the id of
   * its {@code seriesId} field when it has one (every value Vigil writes does).
   */
  public static SeriesKey seriesKey(JsonObject json) {
    TreeMap<String, String> dimensions = new TreeMap<>();
    json.getJsonObject("dimensions", new JsonObject()).forEach(entry -> dimensions.put(entry.getKey(), String.valueOf(entry.getValue())));
    return SeriesKey.withId(json.getString("namespace"), json.getString("metric"), dimensions, json.getString("seriesId"));
  }

  private static JsonObject dimensions(SeriesKey series) {
    JsonObject dimensions = new JsonObject();
    series.dimensions().forEach(dimensions::put);
    return dimensions;
  }
}
