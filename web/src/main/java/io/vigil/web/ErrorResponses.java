package io.vigil.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigil.ingest.push.FieldError;
import java.util.List;

/** Every error leaves as {@code {"error": "...", "details": [...]}}: the one envelope of every module's routes. */
public final class ErrorResponses {

  private ErrorResponses() {}

  public static Future<Void> send(RoutingContext context, int status, String error, List<FieldError> details) {
    JsonArray array = new JsonArray();
    details.forEach(detail -> array.add(detail.toJson()));
    return context.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", error).put("details", array).encode());
  }

  public static Future<Void> send(RoutingContext context, int status, String error) {
    return send(context, status, error, List.of());
  }
}
