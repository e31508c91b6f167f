package io.vigil.health.api;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.health.ServiceHealth;
import io.vigil.ingest.push.FieldError;
import io.vigil.web.ApiExtension;
import java.util.Optional;

/**
 * {@code GET /api/v1/health} (every service, worst first: score, status, top reason, deltas,
 * sparkline) and {@code GET /api/v1/health/{service}} (the whole record: deductions with their
 * evidence, 24 hours of history). Both read the {@link HealthBoard} and never block. A service name
 * with a slash (a load balancer's) is given URL-encoded.
 */
public final class HealthRoutes implements ApiExtension {

  private final HealthBoard board;

  public HealthRoutes(HealthBoard board) {
    this.board = board;
  }

  @Override
  public void mount(Router router, Vertx vertx) {
    router.get("/api/v1/health").handler(this::list);
    router.get("/api/v1/health/:service").handler(this::one);
  }

  private void list(RoutingContext context) {
    context.response().putHeader("Content-Type", "application/json").end(board.listBody());
  }

  private void one(RoutingContext context) {
    String service = context.pathParam("service");
    Optional<ServiceHealth> health = board.get(service);
    if (health.isEmpty()) {
      JsonArray details = new JsonArray().add(new FieldError("service", "no health known for service '" + service + "'").toJson());
      context.response().setStatusCode(404).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", "unknown service '" + service + "'").put("details", details).encode());
      return;
    }
    context.response().putHeader("Content-Type", "application/json").end(health.get().toJson().encode());
  }
}
