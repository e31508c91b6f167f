package io.vigil.ingest.cloudwatch;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * How far one query has been collected: every datapoint at or before {@code watermarkMillis} is
 * done, and {@code emittedMillis} lists the timestamps after it that were already emitted (late
 * arrivals fill the gaps between them; a revision of an emitted one is ignored).
 */
public record QueryCursor(long watermarkMillis, List<Long> emittedMillis) {

  public QueryCursor {
    emittedMillis = List.copyOf(emittedMillis);
  }

  public JsonObject toJson() {
    return new JsonObject().put("watermarkMillis", watermarkMillis).put("emittedMillis", new JsonArray(emittedMillis));
  }

  public static QueryCursor fromJson(JsonObject json) {
    JsonArray emitted = json.getJsonArray("emittedMillis", new JsonArray());
    List<Long> timestamps = new java.util.ArrayList<>(emitted.size());
    for (int i = 0; i < emitted.size(); i++) {
      timestamps.add(emitted.getLong(i));
    }
    return new QueryCursor(json.getLong("watermarkMillis"), timestamps);
  }
}
