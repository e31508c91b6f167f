package io.vigil.ingest.cloudformation;

import io.vertx.core.json.JsonObject;
import io.vigil.ingest.logs.LogCursor;

/**
 * How far one stack's events have been read: the newest event time and the recent event ids (a
 * {@link LogCursor}), and the operation (deployment id) the newest event belonged to, so that
 * events read after a restart, in the middle of an update, keep their deployment's id.
 */
public record StackCursor(LogCursor events, String operationId) {

  public JsonObject toJson() {
    return events.toJson().put("operationId", operationId);
  }

  public static StackCursor fromJson(JsonObject json) {
    return new StackCursor(LogCursor.fromJson(json), json.getString("operationId", ""));
  }
}
