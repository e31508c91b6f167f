package io.vigil.health.api;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.health.insight.Insight;
import io.vigil.health.insight.InsightStatus;
import io.vigil.ingest.push.FieldError;
import io.vigil.web.ApiExtension;
import io.vigil.web.ErrorResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/insights?status=open|closed&service=&limit=} (newest first, open before
 * closed; causes without their evidence) and {@code GET /api/v1/insights/{id}} (the whole insight:
 * timeline and causes with evidence). Both read the {@link InsightBoard} and never block.
 */
public final class InsightRoutes implements ApiExtension {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final InsightBoard board;

  public InsightRoutes(InsightBoard board) {
    this.board = board;
  }

  @Override
  public void mount(Router router, Vertx vertx) {
    router.get("/api/v1/insights").handler(this::list);
    router.get("/api/v1/insights/:id").handler(this::one);
  }

  private void list(RoutingContext context) {
    List<FieldError> errors = new ArrayList<>();
    Optional<InsightStatus> status = Optional.empty();
    String statusText = context.queryParams().get("status");
    if (statusText != null && !statusText.isEmpty()) {
      if (statusText.equals("open") || statusText.equals("closed")) {
        status = Optional.of(InsightStatus.fromWire(statusText));
      } else {
        errors.add(new FieldError("status", "must be open or closed, was '" + statusText + "'"));
      }
    }
    int limit = DEFAULT_LIMIT;
    String limitText = context.queryParams().get("limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
        if (limit < 1 || limit > MAX_LIMIT) {
          errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limitText));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("limit", "must be a whole number, was '" + limitText + "'"));
      }
    }
    if (!errors.isEmpty()) {
      ErrorResponses.send(context, 400, "invalid query", errors);
      return;
    }
    String service = Optional.ofNullable(context.queryParams().get("service")).orElse("");
    List<Insight> insights = board.list(status, service, limit);
    JsonArray items = new JsonArray();
    insights.forEach(insight -> items.add(insight.summaryJson()));
    context.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("insights", items).put("count", insights.size()).encode());
  }

  private void one(RoutingContext context) {
    String id = context.pathParam("id");
    Optional<Insight> insight = board.get(id);
    if (insight.isEmpty()) {
      ErrorResponses.send(context, 404, "no such insight: " + id, List.of(new FieldError("id", "is not a known insight id")));
      return;
    }
    context.response().putHeader("Content-Type", "application/json").end(insight.get().toJson().encode());
  }

}
