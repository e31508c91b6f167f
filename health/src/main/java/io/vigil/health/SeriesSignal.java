package io.vigil.health;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * What the health stage needs of one series: its service, metric and kind, its latest value and
 * time, and its latest anomaly if it had one. The record of {@code vigil.health-signals}, keyed by
 * service. A latency series' signal also carries its {@link LatencyBaseline}, a memory series'
 * its {@link MemoryTrend}. Signals read from logs (a kill for memory, a deployment, error lines per minute) have a
 * series id of their own ({@code log:<group>:<kind>}) and the log event behind them.
 *
 * @param metric the series' namespace and metric, e.g. {@code AWS/ECS:MemoryUtilization}, for reasons
 */
public record SeriesSignal(
    String seriesId, String service, String metric, SignalKind kind, double value, long timestampMillis, Optional<AnomalyMark> anomaly,
    Optional<LogMark> log, Optional<LatencyBaseline> baseline, Optional<MemoryTrend> trend) {

  /** A signal of a metric series, with no log event behind it. */
  public SeriesSignal(String seriesId, String service, String metric, SignalKind kind, double value, long timestampMillis,
      Optional<AnomalyMark> anomaly) {
    this(seriesId, service, metric, kind, value, timestampMillis, anomaly, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A signal read from logs. */
  public SeriesSignal(String seriesId, String service, String metric, SignalKind kind, double value, long timestampMillis,
      Optional<AnomalyMark> anomaly, Optional<LogMark> log) {
    this(seriesId, service, metric, kind, value, timestampMillis, anomaly, log, Optional.empty(), Optional.empty());
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("seriesId", seriesId)
        .put("service", service)
        .put("metric", metric)
        .put("kind", kind.wireName())
        .put("value", value)
        .put("timestampMillis", timestampMillis);
    anomaly.ifPresent(mark -> json.put("anomaly", mark.toJson()));
    log.ifPresent(mark -> json.put("log", mark.toJson()));
    baseline.ifPresent(normal -> json.put("baseline", normal.toJson()));
    trend.ifPresent(heading -> json.put("trend", heading.toJson()));
    return json;
  }

  public static SeriesSignal fromJson(JsonObject json) {
    JsonObject anomaly = json.getJsonObject("anomaly");
    JsonObject log = json.getJsonObject("log");
    JsonObject baseline = json.getJsonObject("baseline");
    JsonObject trend = json.getJsonObject("trend");
    return new SeriesSignal(json.getString("seriesId"), json.getString("service"), json.getString("metric"),
        SignalKind.fromWire(json.getString("kind")), json.getDouble("value"), json.getLong("timestampMillis"),
        anomaly == null ? Optional.empty() : Optional.of(AnomalyMark.fromJson(anomaly)),
        log == null ? Optional.empty() : Optional.of(LogMark.fromJson(log)),
        baseline == null ? Optional.empty() : Optional.of(LatencyBaseline.fromJson(baseline)),
        trend == null ? Optional.empty() : Optional.of(MemoryTrend.fromJson(trend)));
  }
}
