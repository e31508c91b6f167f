package io.vigil.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigil.ingest.push.FieldError;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /api/v1/audit?since=&until=&object=&limit=}: the audit trail, newest first. */
final class AuditRoutes {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final ReadModel readModel;

  AuditRoutes(ReadModel readModel) {
    this.readModel = readModel;
  }

  void list(RoutingContext context) {
    List<FieldError> errors = new ArrayList<>();
    long since = instant(context, "since", 0L, errors);
    long until = instant(context, "until", Long.MAX_VALUE, errors);
    int limit = DEFAULT_LIMIT;
    String limitText = context.queryParams().get("limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", was \"" + limitText + "\""));
      }
    }
    if (!errors.isEmpty()) {
      ErrorResponses.send(context, 400, "invalid query", errors);
      return;
    }
    String object = context.queryParams().get("object");
    JsonArray records = new JsonArray();
    readModel.audit(since, until, object == null ? "" : object, limit).forEach(records::add);
    context.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("records", records).encode());
  }

  private static long instant(RoutingContext context, String name, long absent, List<FieldError> errors) {
    String text = context.queryParams().get(name);
    if (text == null) {
      return absent;
    }
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(name, "must be an ISO-8601 instant such as 2026-12-01T08:00:00Z, was \"" + text + "\""));
      return absent;
    }
  }
}
