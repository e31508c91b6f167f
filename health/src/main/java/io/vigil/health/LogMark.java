package io.vigil.health;

import io.vertx.core.json.JsonObject;

/**
 * The log event behind a signal that came from logs (a kill for memory, a deployment, a refused
 * connection): its id, log group and line, cut to {@link #MAX_LINE_CHARS} for evidence.
 */
public record LogMark(String eventId, String logGroup, String line) {

  public static final int MAX_LINE_CHARS = 300;

  public LogMark {
    line = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) : line;
  }

  public JsonObject toJson() {
    return new JsonObject().put("eventId", eventId).put("logGroup", logGroup).put("line", line);
  }

  public static LogMark fromJson(JsonObject json) {
    return new LogMark(json.getString("eventId"), json.getString("logGroup"), json.getString("line"));
  }
}
