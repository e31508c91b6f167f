package io.vigil.detection;

import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * The checkpointed detection state of one series: its detector's encoded state, the detector type
 * that wrote it, the last timestamp it scored, and the input partition it belongs to.
 */
public record SeriesCheckpoint(String seriesId, int partition, String detectorType, byte[] state, long lastTimestampMillis) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("seriesId", seriesId)
        .put("partition", partition)
        .put("detector", detectorType)
        .put("state", Base64.getEncoder().encodeToString(state))
        .put("lastTimestampMillis", lastTimestampMillis);
  }

  public static SeriesCheckpoint fromJson(JsonObject json) {
    return new SeriesCheckpoint(
        json.getString("seriesId"),
        json.getInteger("partition"),
        json.getString("detector"),
        Base64.getDecoder().decode(json.getString("state")),
        json.getLong("lastTimestampMillis"));
  }
}
