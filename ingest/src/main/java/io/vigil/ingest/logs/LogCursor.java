package io.vigil.ingest.logs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * How far one log group has been read: every event before {@code timestampMillis} is done, and of
 * the events at exactly that millisecond, {@code eventIds} were already emitted. FilterLogEvents
 * is re-read from that millisecond, so an event sharing it with earlier ones is neither lost nor
 * repeated.
 */
public record LogCursor(long timestampMillis, List<String> eventIds) {

  public LogCursor {
    eventIds = List.copyOf(eventIds);
  }

  public JsonObject toJson() {
    return new JsonObject().put("timestampMillis", timestampMillis).put("eventIds", new JsonArray(eventIds));
  }

  public static LogCursor fromJson(JsonObject json) {
    JsonArray ids = json.getJsonArray("eventIds", new JsonArray());
    List<String> eventIds = new java.util.ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      eventIds.add(ids.getString(i));
    }
    return new LogCursor(json.getLong("timestampMillis"), eventIds);
  }
}
