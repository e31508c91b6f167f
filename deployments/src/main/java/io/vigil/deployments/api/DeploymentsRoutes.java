package io.vigil.deployments.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.config.AuthConfig;
import io.vigil.config.HttpConfig;
import io.vigil.deployments.stage.DeploymentJson;
import io.vigil.ingest.push.FieldError;
import io.vigil.model.DeploymentEvent;
import io.vigil.web.AdminWrites;
import io.vigil.web.ApiExtension;
import io.vigil.web.AuditTrail;
import io.vigil.web.ErrorResponses;
import io.vigil.web.ListPage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/deployments} (a CI system announces a deployment: a STARTED event, and a
 * COMPLETED one with {@code completedAt}), {@code POST /api/v1/deployments/{id}/events} (it reports
 * later what happened), {@code GET /api/v1/deployments} (a page, newest first, filtered by
 * {@code service} and {@code status}), {@code GET /api/v1/deployments/{id}} (phases, verdict with
 * per-metric evidence, events, diagnostics, actions) and {@code GET .../{id}/snapshot}. A write is
 * answered 202 with the deployment's id once Kafka has the event; the stage then follows it like a
 * deployment any source saw. Writes need the admin token, as every write does, and are audited.
 */
public final class DeploymentsRoutes implements ApiExtension {

  private static final Logger LOG = LoggerFactory.getLogger(DeploymentsRoutes.class);
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final Set<String> STATUSES = Set.of("deploying", "verifying", "pass", "marginal", "fail", "rolled-back", "superseded");
  private static final Set<String> ANNOUNCE_KEYS = Set.of("id", "service", "version", "startedAt", "completedAt", "commit", "by");
  private static final Set<String> EVENT_KEYS = Set.of("kind", "service", "at", "status", "reason");
  private static final Set<String> EVENT_KINDS = Set.of("progress", "task-failed", "completed", "failed", "rolled-back");

  private final DeploymentBoard board;
  private final DeploymentEventSink events;
  private final AuditTrail audit;
  private final AdminWrites writes;
  private final Clock clock;

  public DeploymentsRoutes(DeploymentBoard board, DeploymentEventSink events, AuditTrail audit, AuthConfig auth, HttpConfig http, Clock clock) {
    this.board = board;
    this.events = events;
    this.audit = audit;
    this.writes = new AdminWrites(auth, http);
    this.clock = clock;
  }

  @Override
  public void mount(Router router, Vertx vertx) {
    router.post("/api/v1/deployments").handler(this::announce);
    router.get("/api/v1/deployments").handler(this::list);
    router.get("/api/v1/deployments/:id").handler(this::one);
    router.get("/api/v1/deployments/:id/snapshot").handler(this::snapshot);
    router.post("/api/v1/deployments/:id/events").handler(this::report);
  }

  private void announce(RoutingContext context) {
    if (!authorised(context)) {
      return;
    }
    Optional<JsonObject> body = body(context);
    if (body.isEmpty()) {
      return;
    }
    long now = clock.millis();
    List<FieldError> errors = new ArrayList<>();
    DeploymentRequest request = new DeploymentRequest(body.get(), ANNOUNCE_KEYS, errors);
    String given = request.id("id");
    String service = request.requiredText("service");
    String version = request.text("version");
    String commit = request.text("commit");
    String by = request.text("by");
    long startedAt = request.time("startedAt", now, now);
    long completedAt = request.time("completedAt", -1, now);
    if (errors.isEmpty() && completedAt >= 0 && completedAt < startedAt) {
      errors.add(new FieldError("completedAt", "must not be before startedAt"));
    }
    if (!errors.isEmpty()) {
      ErrorResponses.send(context, 400, "invalid deployment", errors);
      return;
    }
    String id = given.isEmpty() ? "dep-" + UUID.randomUUID() : given;
    List<DeploymentEvent> announced = new ArrayList<>();
    announced.add(new DeploymentEvent(id + "/started", id, service, DeploymentEvent.Kind.STARTED, startedAt, "api", version, commit, by, "", "", ""));
    if (completedAt >= 0) {
      announced.add(new DeploymentEvent(id + "/completed", id, service, DeploymentEvent.Kind.COMPLETED, completedAt, "api", version, commit, by,
          "", "", ""));
    }
    JsonObject answer = new JsonObject().put("id", id).put("service", service).put("startedAt", Instant.ofEpochMilli(startedAt).toString())
        .put("status", "accepted").put("self", "/api/v1/deployments/" + id);
    publishAll(announced).compose(published -> audit.record(context, "deployments", id, 202, null, body.get()).recover(failure -> {
      LOG.warn("deployment {}: announced but not audited: {}", id, failure.getMessage());
      return Future.succeededFuture();
    })).onSuccess(done -> json(context, 202, answer)).onFailure(failure -> unavailable(context, failure));
  }

  private void report(RoutingContext context) {
    if (!authorised(context)) {
      return;
    }
    String id = context.pathParam("id");
    Optional<JsonObject> body = body(context);
    if (body.isEmpty()) {
      return;
    }
    long now = clock.millis();
    List<FieldError> errors = new ArrayList<>();
    DeploymentRequest request = new DeploymentRequest(body.get(), EVENT_KEYS, errors);
    String kind = request.requiredText("kind");
    if (!kind.isEmpty() && !EVENT_KINDS.contains(kind)) {
      errors.add(new FieldError("kind", "must be one of " + String.join(", ", EVENT_KINDS.stream().sorted().toList())));
    }
    String given = request.text("service");
    long at = request.time("at", now, now);
    String status = request.text("status");
    String reason = request.text("reason");
    if (!errors.isEmpty()) {
      ErrorResponses.send(context, 400, "invalid deployment event", errors);
      return;
    }
    Optional<JsonObject> known = board.get(id);
    String service = !given.isEmpty() ? given : known.map(deployment -> deployment.getString("service")).orElse("");
    if (service.isEmpty()) {
      ErrorResponses.send(context, 404, "unknown deployment '" + id + "'", List.of(new FieldError("id", "no deployment has this id yet; give its service in the body")));
      return;
    }
    DeploymentEvent event = new DeploymentEvent(id + "/" + kind + "/" + at, id, service, DeploymentEvent.Kind.fromWire(kind), at, "api", "", "", "", "",
        status, reason);
    events.publish(event)
        .compose(published -> audit.record(context, "deployments", id, 202, null, body.get()).recover(failure -> Future.succeededFuture()))
        .onSuccess(done -> json(context, 202, new JsonObject().put("id", id).put("service", service).put("kind", kind).put("status", "accepted")))
        .onFailure(failure -> unavailable(context, failure));
  }

  private Future<Void> publishAll(List<DeploymentEvent> announced) {
    Future<Void> chain = Future.succeededFuture();
    for (DeploymentEvent event : announced) {
      chain = chain.compose(previous -> events.publish(event));
    }
    return chain;
  }

  private void list(RoutingContext context) {
    List<FieldError> errors = new ArrayList<>();
    String service = param(context, "service");
    String status = param(context, "status");
    if (!status.isEmpty() && !STATUSES.contains(status)) {
      errors.add(new FieldError("status", "must be one of " + String.join(", ", STATUSES.stream().sorted().toList())));
    }
    int limit = DEFAULT_LIMIT;
    String limitText = param(context, "limit");
    if (!limitText.isEmpty()) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
      }
    }
    List<JsonObject> items = errors.isEmpty() ? board.list(service, status) : List.of();
    Optional<ListPage> found = errors.isEmpty() ? ListPage.after(items, param(context, "cursor"), limit) : Optional.empty();
    if (errors.isEmpty() && found.isEmpty()) {
      errors.add(new FieldError("cursor", "is not a deployment of this listing (its status may have changed); start again without it"));
    }
    if (!errors.isEmpty()) {
      ErrorResponses.send(context, 400, "invalid query", errors);
      return;
    }
    JsonArray page = new JsonArray();
    found.get().items().forEach(item -> page.add(DeploymentJson.summary(item)));
    json(context, 200, new JsonObject().put("deployments", page).put("count", page.size()).put("total", items.size())
        .put("nextCursor", found.get().nextCursor()));
  }

  private void one(RoutingContext context) {
    String id = context.pathParam("id");
    Optional<JsonObject> found = board.get(id);
    if (found.isEmpty()) {
      unknown(context, id);
      return;
    }
    json(context, 200, found.get());
  }

  private void snapshot(RoutingContext context) {
    String id = context.pathParam("id");
    Optional<JsonObject> found = board.snapshot(id);
    if (found.isEmpty()) {
      if (board.get(id).isEmpty()) {
        unknown(context, id);
      } else {
        ErrorResponses.send(context, 404, "no snapshot of deployment '" + id + "' yet", List.of(new FieldError("id", "the snapshot is taken a moment after the start")));
      }
      return;
    }
    json(context, 200, found.get());
  }

  private Optional<JsonObject> body(RoutingContext context) {
    String text = context.body().asString();
    if (text == null || text.isBlank()) {
      ErrorResponses.send(context, 400, "missing body", List.of(new FieldError("body", "must be a JSON object")));
      return Optional.empty();
    }
    try {
      return Optional.of(new JsonObject(text));
    } catch (DecodeException | ClassCastException e) {
      ErrorResponses.send(context, 400, "malformed JSON", List.of(new FieldError("body", "must be a JSON object")));
      return Optional.empty();
    }
  }

  private boolean authorised(RoutingContext context) {
    Optional<AdminWrites.Refusal> refused = writes.refusal(context);
    refused.ifPresent(refusal -> ErrorResponses.send(context, refusal.status(), refusal.message(), List.of()));
    return refused.isEmpty();
  }

  private void unavailable(RoutingContext context, Throwable failure) {
    LOG.warn("deployments: cannot write to Kafka: {}", failure.getMessage());
    context.response().putHeader("Retry-After", "5");
    ErrorResponses.send(context, 503, "cannot write to Kafka now: " + failure.getMessage(), List.of());
  }

  private void unknown(RoutingContext context, String id) {
    ErrorResponses.send(context, 404, "unknown deployment '" + id + "'", List.of(new FieldError("id", "no deployment has this id")));
  }

  private static String param(RoutingContext context, String name) {
    String value = context.queryParams().get(name);
    return value == null ? "" : value.trim();
  }


  private static Future<Void> json(RoutingContext context, int status, JsonObject body) {
    return context.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
