package io.vigil.ingest.push;

import io.vertx.core.json.JsonObject;

/** One bad field of a request, e.g. {@code points[3].value}: must be a finite number. */
public record FieldError(String field, String message) {

  public JsonObject toJson() {
    return new JsonObject().put("field", field).put("message", message);
  }
}
