package io.vigil.web;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
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
import java.util.concurrent.Callable;

/**
 * The read side of the REST API: series, their points, anomalies and log events. Listings are
 * built and encoded on a small pool of their own, one thread fewer than the cores, so heavy reads
 * queue behind each other instead of taking every core from the event loops that answer
 * {@code /health} and the ingest.
 */
final class QueryRoutes {

  static final int MAX_LIMIT = 10_000;
  static final int SERIES_PAGE = 100;
  static final int MAX_SERIES_PAGE = 1000;

  /** Threads that build listings: every core but one. */
  static final int QUERY_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

  private final WorkerExecutor queries;
  private final ReadModel readModel;

  QueryRoutes(Vertx vertx, ReadModel readModel) {
    this.queries = vertx.createSharedWorkerExecutor("vigil-queries", QUERY_THREADS);
    this.readModel = readModel;
  }

  void series(RoutingContext context) {
    List<FieldError> errors = new ArrayList<>();
    int limit = limit(context, SERIES_PAGE, MAX_SERIES_PAGE, errors);
    SeriesQuery query = new SeriesQuery(text(context, "namespace"), text(context, "service"), text(context, "metric"),
        text(context, "q"), text(context, "cursor"), limit);
    if (!errors.isEmpty()) {
      ErrorResponses.send(context, 400, "invalid query", errors);
      return;
    }
    offLoop(context, () -> {
      SeriesPage page = readModel.series(query);
      JsonArray series = new JsonArray();
      page.series().forEach(summary -> series.add(summary.toJson()));
      return new JsonObject().put("series", series).put("nextCursor", page.nextCursor());
    });
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
    offLoop(context, () -> {
      JsonArray array = new JsonArray();
      for (Anomaly anomaly : readModel.anomalies(since, service, limit)) {
        array.add(Wire.anomaly(anomaly));
      }
      return new JsonObject().put("anomalies", array);
    });
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
    offLoop(context, () -> {
      JsonArray array = new JsonArray();
      for (LogEvent event : readModel.logs(group, since, limit)) {
        array.add(Wire.logEvent(event));
      }
      return new JsonObject().put("events", array);
    });
  }

  private static void json(RoutingContext context, JsonObject body) {
    context.response().putHeader("Content-Type", "application/json").end(body.encode());
  }

  /**
   * Builds and encodes a listing on a worker (unordered, so listings run side by side): a scan of
   * many series must not hold up the event loop that also answers /health.
   */
  private void offLoop(RoutingContext context, Callable<JsonObject> listing) {
    queries.executeBlocking(() -> listing.call().toBuffer(), false).onComplete(result -> {
      if (result.succeeded()) {
        context.response().putHeader("Content-Type", "application/json").end(result.result());
      } else {
        context.fail(result.cause());
      }
    });
  }

  private static String text(RoutingContext context, String name) {
    return Optional.ofNullable(context.queryParams().get(name)).orElse("");
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
    return limit(context, fallback, MAX_LIMIT, errors);
  }

  private static int limit(RoutingContext context, int fallback, int max, List<FieldError> errors) {
    String text = context.queryParams().get("limit");
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError("limit", "must be a whole number from 1 to " + max));
    return fallback;
  }
}
