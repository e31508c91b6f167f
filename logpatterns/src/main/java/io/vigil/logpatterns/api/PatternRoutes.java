package io.vigil.logpatterns.api;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.ingest.push.FieldError;
import io.vigil.logpatterns.PatternSummary;
import io.vigil.web.ApiExtension;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /api/v1/logs/patterns?logGroup=&since=}: the templates of one log group (every group
 * without {@code logGroup}) last seen at or after {@code since}, most lines first: template, count,
 * trend, first and last seen, level, an example line. Reads the {@link PatternBoard}; never blocks.
 */
public final class PatternRoutes implements ApiExtension {

  private final PatternBoard board;

  public PatternRoutes(PatternBoard board) {
    this.board = board;
  }

  @Override
  public void mount(Router router, Vertx vertx) {
    router.get("/api/v1/logs/patterns").handler(this::list);
  }

  private void list(RoutingContext context) {
    String logGroup = Optional.ofNullable(context.queryParams().get("logGroup")).orElse("");
    Optional<Long> since = time(context.queryParams().get("since"));
    if (since.isEmpty()) {
      JsonArray details = new JsonArray().add(new FieldError("since",
          "must be ISO-8601 text such as 2026-11-29T10:00:00Z, or epoch milliseconds").toJson());
      context.response().setStatusCode(400).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", "invalid query").put("details", details).encode());
      return;
    }
    JsonArray patterns = new JsonArray();
    for (PatternSummary summary : board.list(logGroup, since.get())) {
      patterns.add(summary.toJson());
    }
    context.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("patterns", patterns).encode());
  }

  /** Absent: 0; ISO-8601 text or epoch milliseconds; anything else: empty. */
  private static Optional<Long> time(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.of(0L);
    }
    try {
      return Optional.of(text.chars().allMatch(Character::isDigit) ? Long.parseLong(text) : Instant.parse(text).toEpochMilli());
    } catch (NumberFormatException | DateTimeException e) {
      return Optional.empty();
    }
  }
}
