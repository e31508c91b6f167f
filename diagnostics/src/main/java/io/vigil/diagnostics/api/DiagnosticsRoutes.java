package io.vigil.diagnostics.api;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.diagnostics.Diagnosis;
import io.vigil.diagnostics.DiagnosisRanking;
import io.vigil.ingest.push.FieldError;
import io.vigil.web.ApiExtension;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/diagnostics/{service}?since=}: the signatures seen for one service, ranked by
 * severity, recency and amount of evidence, each with its evidence and steps (an empty list when
 * nothing known went wrong); {@code GET /api/v1/diagnostics?since=}: every service's, the services
 * with the worst first diagnosis first. {@code since} (ISO-8601 or epoch milliseconds) defaults to
 * {@code diagnostics.windowHours} ago. Reads the {@link DiagnosisBoard}; never blocks.
 */
public final class DiagnosticsRoutes implements ApiExtension {

  private static final int MAX_SERVICE_CHARS = 256;

  private final DiagnosisBoard board;
  private final Clock clock;
  private final long windowMillis;

  public DiagnosticsRoutes(DiagnosisBoard board, Clock clock, int windowHours) {
    this.board = board;
    this.clock = clock;
    this.windowMillis = windowHours * 3_600_000L;
  }

  @Override
  public void mount(Router router, Vertx vertx) {
    router.get("/api/v1/diagnostics").handler(this::list);
    router.get("/api/v1/diagnostics/:service").handler(this::one);
  }

  private void list(RoutingContext context) {
    Optional<Long> since = since(context);
    if (since.isEmpty()) {
      return;
    }
    List<List<Diagnosis>> perService = new ArrayList<>();
    for (String service : board.services(since.get())) {
      List<Diagnosis> diagnoses = board.forService(service, since.get());
      if (!diagnoses.isEmpty()) {
        perService.add(diagnoses);
      }
    }
    perService.sort(Comparator.comparing((List<Diagnosis> diagnoses) -> diagnoses.get(0), DiagnosisRanking.ORDER)
        .thenComparing(diagnoses -> diagnoses.get(0).service()));
    JsonArray services = new JsonArray();
    perService.forEach(diagnoses -> services.add(body(diagnoses.get(0).service(), diagnoses)));
    context.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("services", services).encode());
  }

  private void one(RoutingContext context) {
    String service = context.pathParam("service");
    if (service.isBlank() || service.length() > MAX_SERVICE_CHARS) {
      badRequest(context, "service", "must be a service name of 1 to " + MAX_SERVICE_CHARS + " characters");
      return;
    }
    Optional<Long> since = since(context);
    if (since.isEmpty()) {
      return;
    }
    context.response().putHeader("Content-Type", "application/json")
        .end(body(service, board.forService(service, since.get())).encode());
  }

  private static JsonObject body(String service, List<Diagnosis> diagnoses) {
    JsonArray items = new JsonArray();
    diagnoses.forEach(diagnosis -> items.add(diagnosis.toJson()));
    return new JsonObject().put("service", service).put("diagnoses", items);
  }

  /** The {@code since} of the request, or empty after answering 400. */
  private Optional<Long> since(RoutingContext context) {
    String text = context.queryParams().get("since");
    if (text == null || text.isEmpty()) {
      return Optional.of(clock.millis() - windowMillis);
    }
    try {
      return Optional.of(text.chars().allMatch(Character::isDigit) && text.length() <= 18 ? Long.parseLong(text) : Instant.parse(text).toEpochMilli());
    } catch (NumberFormatException | DateTimeException e) {
      badRequest(context, "since", "must be ISO-8601 text such as 2026-11-29T10:00:00Z, or epoch milliseconds");
      return Optional.empty();
    }
  }

  private static void badRequest(RoutingContext context, String field, String message) {
    JsonArray details = new JsonArray().add(new FieldError(field, message).toJson());
    context.response().setStatusCode(400).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", "invalid query").put("details", details).encode());
  }
}
