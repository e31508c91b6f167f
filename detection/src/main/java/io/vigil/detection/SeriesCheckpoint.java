package io.vigil.detection;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.model.MetricPoint;
import io.vigil.model.SeriesKey;
import io.vigil.model.Wire;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The checkpointed detection state of one series: its detector's encoded state, the detector type
 * that wrote it, the last timestamp it scored, the input partition it belongs to, and the points
 * received but not yet scored (waiting for their lateness to pass, or for the server clock to reach
 * them), and the latest gaps between its scored points (its cadence). Checkpoints written before
 * points could wait, or before the cadence was kept, read with none.
 */
public record SeriesCheckpoint(String seriesId, int partition, String detectorType, byte[] state, long lastTimestampMillis,
    List<MetricPoint> pending, List<Long> gapsMillis) {

  public SeriesCheckpoint {
    pending = List.copyOf(pending);
    gapsMillis = List.copyOf(gapsMillis);
  }

  public SeriesCheckpoint(String seriesId, int partition, String detectorType, byte[] state, long lastTimestampMillis,
      List<MetricPoint> pending) {
    this(seriesId, partition, detectorType, state, lastTimestampMillis, pending, List.of());
  }

  public SeriesCheckpoint(String seriesId, int partition, String detectorType, byte[] state, long lastTimestampMillis) {
    this(seriesId, partition, detectorType, state, lastTimestampMillis, List.of());
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("seriesId", seriesId)
        .put("partition", partition)
        .put("detector", detectorType)
        .put("state", Base64.getEncoder().encodeToString(state))
        .put("lastTimestampMillis", lastTimestampMillis);
    if (!pending.isEmpty()) {
      JsonArray waiting = new JsonArray();
      pending.forEach(point -> {
        JsonArray item = new JsonArray().add(point.timestampMillis()).add(point.value()).add(point.unit());
        waiting.add(point.history() ? item.add(true) : item);
      });
      json.put("series", Wire.series(pending.get(0).series())).put("pending", waiting);
    }
    if (!gapsMillis.isEmpty()) {
      json.put("gapsMillis", new JsonArray(new ArrayList<Object>(gapsMillis)));
    }
    return json;
  }

  public static SeriesCheckpoint fromJson(JsonObject json) {
    List<MetricPoint> pending = new ArrayList<>();
    JsonArray waiting = json.getJsonArray("pending");
    if (waiting != null && !waiting.isEmpty()) {
      SeriesKey series = Wire.seriesKey(json.getJsonObject("series"));
      for (int i = 0; i < waiting.size(); i++) {
        JsonArray point = waiting.getJsonArray(i);
        boolean history = point.size() > 3 && Boolean.TRUE.equals(point.getBoolean(3));
        pending.add(new MetricPoint(series, point.getLong(0), point.getDouble(1), point.getString(2), history));
      }
    }
    List<Long> gaps = new ArrayList<>();
    JsonArray gapsJson = json.getJsonArray("gapsMillis");
    if (gapsJson != null) {
      for (int i = 0; i < gapsJson.size(); i++) {
        gaps.add(gapsJson.getLong(i));
      }
    }
    return new SeriesCheckpoint(
        json.getString("seriesId"),
        json.getInteger("partition"),
        json.getString("detector"),
        Base64.getDecoder().decode(json.getString("state")),
        json.getLong("lastTimestampMillis"),
        pending,
        gaps);
  }
}
