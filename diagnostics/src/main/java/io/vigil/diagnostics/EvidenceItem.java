package io.vigil.diagnostics;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One thing that showed a failure: a log line or a deployment event.
 *
 * @param source {@code logs}, or the deployment event's source ({@code ecs}, {@code cloudformation}, ...)
 * @param eventId the log event's or deployment event's id
 * @param text the line, or the event's status, resource and reason, cut to {@link #MAX_TEXT_CHARS}
 */
public record EvidenceItem(String source, String eventId, long timestampMillis, String text) {

  public static final int MAX_TEXT_CHARS = 1_000;

  public EvidenceItem {
    text = text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
  }

  public JsonObject toJson() {
    return new JsonObject().put("source", source).put("eventId", eventId).put("timestampMillis", timestampMillis)
        .put("timestamp", Instant.ofEpochMilli(timestampMillis).toString()).put("text", text);
  }

  public static EvidenceItem fromJson(JsonObject json) {
    return new EvidenceItem(json.getString("source"), json.getString("eventId"), json.getLong("timestampMillis"), json.getString("text"));
  }
}
