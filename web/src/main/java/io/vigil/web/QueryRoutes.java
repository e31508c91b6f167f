package io.vigil.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigil.ingest.push.FieldError;
import io.vigil.model.Anomaly;
import io.vigil.model.LogEvent;
import io.vigil.model.ScoredPoint;
import io.vigil.model.Wire;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The read side of the REST API: series, their points, anomalies and log events. */
final class QueryRoutes {

  static final int MAX_LIMIT = 10_000;

  private final ReadModel readModel;

  QueryRoutes(ReadModel readModel) {
    this.readModel = readModel;
  }

  void series(RoutingContext context) {
    JsonArray series = new JsonArray();
    readModel.series().forEach(summary -> series.add(summary.toJson()));
    json(context, new JsonObject().put("series", series));
  }

  void points(RoutingContext context) {
    List<FieldError> errors = new ArrayList<>();
    long from = time(context, "from", 0L, errors);
    long to = time(context, "to", Long.MAX_VALUE, errors);
    int limit = limit(context, MAX_LIMIT, errors);
    if (!errors.isEmpty()) {
      ErrorResponses.send(context, 400, "invalid query", errors);
      return;
    }
    String id = context.pathParam("id");
    Optional<List<ScoredPoint>> points = readModel.points(id, from, to, limit);
    if (points.isEmpty()) {
      ErrorResponses.send(context, 404, "no such series: " + id, List.of(new FieldError("id", "is not a known series id")));
      return;
    }
    JsonArray array = new JsonArray();
    points.get().forEach(point -> array.add(Wire.scoredPoint(point)));
    json(context, new JsonObject().put("seriesId", id).put("points", array));
  }

  void anomalies(RoutingContext context) {
    List<FieldError> errors = new ArrayList<>();
    long since = time(context, "since", 0L, errors);
    int limit = limit(context, 100, errors);
    String service = Optional.ofNullable(context.queryParams().get("service")).orElse("");
    if (!errors.isEmpty()) {
      ErrorResponses.send(context, 400, "invalid query", errors);
      return;
    }
    JsonArray array = new JsonArray();
    for (Anomaly anomaly : readModel.anomalies(since, service, limit)) {
      array.add(Wire.anomaly(anomaly));
    }
    json(context, new JsonObject().put("anomalies", array));
  }

  void logs(RoutingContext context) {
    List<FieldError> errors = new ArrayList<>();
    long since = time(context, "since", 0L, errors);
    int limit = limit(context, 1000, errors);
    String group = Optional.ofNullable(context.queryParams().get("logGroup")).orElse("");
    if (!errors.isEmpty()) {
      ErrorResponses.send(context, 400, "invalid query", errors);
      return;
    }
    JsonArray array = new JsonArray();
    for (LogEvent event : readModel.logs(group, since, limit)) {
      array.add(Wire.logEvent(event));
    }
    json(context, new JsonObject().put("events", array));
  }

  private static void json(RoutingContext context, JsonObject body) {
    context.response().putHeader("Content-Type", "application/json").end(body.encode());
  }

  /** A time query parameter, as ISO-8601 text or epoch milliseconds. */
  private static long time(RoutingContext context, String name, long fallback, List<FieldError> errors) {
    String text = context.queryParams().get(name);
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      if (text.chars().allMatch(Character::isDigit)) {
        return Long.parseLong(text);
      }
      return Instant.parse(text).toEpochMilli();
    } catch (NumberFormatException | DateTimeException e) {
      errors.add(new FieldError(name, "must be ISO-8601 text such as 2026-11-29T10:00:00Z, or epoch milliseconds"));
      return fallback;
    }
  }

  private static int limit(RoutingContext context, int fallback, List<FieldError> errors) {
    String text = context.queryParams().get("limit");
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
    return fallback;
  }
}
