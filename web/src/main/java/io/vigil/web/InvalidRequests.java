package io.vigil.web;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.ingest.push.FieldError;

/**
 * Answers requests the HTTP codec could not read (a request line or headers over the limits, or
 * malformed) with the same error envelope as every other refusal, naming what was wrong, then
 * closes the connection, as Vert.x's default handler does with an empty body.
 */
final class InvalidRequests implements Handler<HttpServerRequest> {

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status;
    FieldError detail;
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      detail = new FieldError("uri", "the request line is longer than the server reads; send long values in a body");
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      detail = new FieldError("headers", "the request headers are larger than the server reads");
    } else {
      status = 400;
      detail = new FieldError("request", "not a well-formed HTTP request" + (cause == null ? "" : ": " + cause.getMessage()));
    }
    request.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Connection", "close")
        .end(new JsonObject().put("error", "unreadable request").put("details", new JsonArray().add(detail.toJson())).encode())
        .onComplete(done -> request.connection().close());
  }
}
