package io.vigil.ingest.logs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far one log group has been read: {@code timestampMillis} is the newest event emitted, and
 * {@code recent} holds the ids (with their timestamps) of the events emitted in the late-arrival
 * window before it. A poll reads again from {@code timestampMillis} minus that window and skips
 * the ids it holds, so an event that CloudWatch shows only after newer ones is emitted once, and an
 * event sharing a millisecond with earlier ones is neither lost nor repeated.
 */
public record LogCursor(long timestampMillis, Map<String, Long> recent) {

  /**
   * The most ids a cursor keeps (the newest); a window holding more events than this may repeat
   * the oldest of them. At about 60 bytes an id, the cursor record stays well under Kafka's 1 MB.
   */
  static final int MAX_RECENT = 5_000;

  public LogCursor {
    recent = Map.copyOf(recent);
  }

  /**
   * The cursor after emitting {@code emitted} (id to timestamp): the newest timestamp, and the ids
   * of this cursor and of {@code emitted} no older than {@code lateMillis} before it.
   */
  public LogCursor advance(Map<String, Long> emitted, long lateMillis) {
    long newest = timestampMillis;
    for (long timestamp : emitted.values()) {
      newest = Math.max(newest, timestamp);
    }
    long keepFrom = newest - lateMillis;
    Map<String, Long> kept = new HashMap<>();
    recent.forEach((id, timestamp) -> {
      if (timestamp >= keepFrom) {
        kept.put(id, timestamp);
      }
    });
    emitted.forEach((id, timestamp) -> {
      if (timestamp >= keepFrom) {
        kept.put(id, timestamp);
      }
    });
    if (kept.size() > MAX_RECENT) {
      List<Map.Entry<String, Long>> newestFirst = new ArrayList<>(kept.entrySet());
      newestFirst.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
      kept.clear();
      newestFirst.subList(0, MAX_RECENT).forEach(entry -> kept.put(entry.getKey(), entry.getValue()));
    }
    return new LogCursor(newest, kept);
  }

  public JsonObject toJson() {
    JsonObject ids = new JsonObject();
    recent.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> ids.put(entry.getKey(), entry.getValue()));
    return new JsonObject().put("timestampMillis", timestampMillis).put("recent", ids);
  }

  /** Reads this form, and the older one whose {@code eventIds} were all at {@code timestampMillis}. */
  public static LogCursor fromJson(JsonObject json) {
    long timestampMillis = json.getLong("timestampMillis");
    Map<String, Long> recent = new HashMap<>();
    JsonObject ids = json.getJsonObject("recent");
    if (ids != null) {
      ids.forEach(entry -> recent.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
    } else {
      JsonArray atNewest = json.getJsonArray("eventIds", new JsonArray());
      for (int i = 0; i < atNewest.size(); i++) {
        recent.put(atNewest.getString(i), timestampMillis);
      }
    }
    return new LogCursor(timestampMillis, recent);
  }
}
