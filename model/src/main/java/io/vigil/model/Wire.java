package io.vigil.model;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
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

  public static JsonObject point(MetricPoint point) {
    return new JsonObject()
        .put("seriesId", point.series().id())
        .put("namespace", point.series().namespace())
        .put("metric", point.series().metric())
        .put("dimensions", dimensions(point.series()))
        .put("timestamp", Instant.ofEpochMilli(point.timestampMillis()).toString())
        .put("timestampMillis", point.timestampMillis())
        .put("value", point.value())
        .put("unit", point.unit());
  }

  public static MetricPoint point(JsonObject json) {
    return new MetricPoint(seriesKey(json), json.getLong("timestampMillis"), json.getDouble("value"), json.getString("unit"));
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

  public static JsonObject scoredPoint(ScoredPoint point) {
    return new JsonObject()
        .put("seriesId", point.seriesId())
        .put("namespace", point.series().namespace())
        .put("metric", point.series().metric())
        .put("dimensions", dimensions(point.series()))
        .put("service", point.service())
        .put("timestamp", Instant.ofEpochMilli(point.timestampMillis()).toString())
        .put("timestampMillis", point.timestampMillis())
        .put("value", point.value())
        .put("score", point.score())
        .put("expected", band(point.lower(), point.upper()))
        .put("detector", point.detector());
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

  public static JsonObject anomaly(Anomaly anomaly) {
    return new JsonObject()
        .put("id", anomaly.id())
        .put("seriesId", anomaly.seriesId())
        .put("namespace", anomaly.series().namespace())
        .put("metric", anomaly.series().metric())
        .put("dimensions", dimensions(anomaly.series()))
        .put("service", anomaly.service())
        .put("timestamp", Instant.ofEpochMilli(anomaly.timestampMillis()).toString())
        .put("timestampMillis", anomaly.timestampMillis())
        .put("value", anomaly.value())
        .put("score", anomaly.score())
        .put("expected", band(anomaly.lower(), anomaly.upper()))
        .put("severity", anomaly.severity().wireName())
        .put("detector", anomaly.detector());
  }

  public static Anomaly anomaly(JsonObject json) {
    JsonObject expected = json.getJsonObject("expected");
    return new Anomaly(
        json.getString("id"),
        seriesKey(json),
        json.getString("service", ""),
        json.getLong("timestampMillis"),
        json.getDouble("value"),
        json.getDouble("score"),
        expected.getDouble("lower"),
        expected.getDouble("upper"),
        Severity.fromWire(json.getString("severity")),
        json.getString("detector"));
  }

  private static SeriesKey seriesKey(JsonObject json) {
    Map<String, String> dimensions = new TreeMap<>();
    json.getJsonObject("dimensions", new JsonObject()).forEach(entry -> dimensions.put(entry.getKey(), String.valueOf(entry.getValue())));
    return SeriesKey.of(json.getString("namespace"), json.getString("metric"), dimensions);
  }

  private static JsonObject dimensions(SeriesKey series) {
    JsonObject dimensions = new JsonObject();
    series.dimensions().forEach(dimensions::put);
    return dimensions;
  }

  private static JsonObject band(double lower, double upper) {
    return new JsonObject().put("lower", lower).put("upper", upper);
  }
}
