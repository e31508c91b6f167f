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
 * them). Checkpoints written before points could wait read with none.
 */
public record SeriesCheckpoint(String seriesId, int partition, String detectorType, byte[] state, long lastTimestampMillis,
    List<MetricPoint> pending) {

  public SeriesCheckpoint {
    pending = List.copyOf(pending);
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
      pending.forEach(point -> waiting.add(new JsonArray().add(point.timestampMillis()).add(point.value()).add(point.unit())));
      json.put("series", Wire.series(pending.get(0).series())).put("pending", waiting);
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
        pending.add(new MetricPoint(series, point.getLong(0), point.getDouble(1), point.getString(2)));
      }
    }
    return new SeriesCheckpoint(
        json.getString("seriesId"),
        json.getInteger("partition"),
        json.getString("detector"),
        Base64.getDecoder().decode(json.getString("state")),
        json.getLong("lastTimestampMillis"),
        pending);
  }
}
