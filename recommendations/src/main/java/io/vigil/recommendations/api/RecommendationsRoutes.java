package io.vigil.recommendations.api;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.config.AuthConfig;
import io.vigil.config.HttpConfig;
import io.vigil.config.RecommendationsConfig;
import io.vigil.ingest.aws.AwsClients;
import io.vigil.ingest.push.FieldError;
import io.vigil.recommendations.Finding;
import io.vigil.recommendations.ecs.ApplyRefused;
import io.vigil.recommendations.ecs.EcsApplier;
import io.vigil.web.AdminWrites;
import io.vigil.web.AuditTrail;
import io.vigil.web.ErrorResponses;
import io.vigil.web.ListPage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/recommendations} (a page, filtered by {@code service} and {@code finding},
 * sorted by {@code priority} or {@code savings}), {@code GET /api/v1/recommendations/{id}} (with its
 * evidence), {@code POST .../{id}/apply} and {@code POST .../{id}/rollback}.
 *
 * <p>An apply is a dry run unless the body says {@code "dryRun": false}: it answers the new task
 * definition, the diff against the current one and the UpdateService call it would make, and
 * changes nothing. A real apply needs {@code recommendations.applyEnabled}; it registers the new
 * revision, updates the service, keeps the previous revision in the action log and writes an audit
 * record; a rollback points the service back at that revision. Either is refused with 409 and the
 * reason when the service is mid-deployment, when the recommendation is stale (the service runs
 * another task definition than it was made for) or when its confidence is below
 * {@code recommendations.confidenceFloor}; a dry run is refused the same way, since it shows what
 * an apply would do. Writes need the admin token, as every write does.
 */
public final class RecommendationsRoutes implements io.vigil.web.ApiExtension {

  private static final Logger LOG = LoggerFactory.getLogger(RecommendationsRoutes.class);
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private static final Set<String> APPLY_KEYS = Set.of("dryRun");

  private final RecommendationBoard board;
  private final RecommendationsConfig config;
  private final Optional<EcsApplier> ecs;
  private final ActionLog actions;
  private final AuditTrail audit;
  private final Clock clock;
  private final AdminWrites writes;

  public RecommendationsRoutes(RecommendationBoard board, RecommendationsConfig config, Optional<EcsApplier> ecs, ActionLog actions,
      AuditTrail audit, AuthConfig auth, HttpConfig http, Clock clock) {
    this.board = board;
    this.config = config;
    this.ecs = ecs;
    this.actions = actions;
    this.audit = audit;
    this.clock = clock;
    this.writes = new AdminWrites(auth, http);
  }

  @Override
  public void mount(Router router, Vertx vertx) {
    router.get("/api/v1/recommendations").handler(this::list);
    router.get("/api/v1/recommendations/:id").handler(this::one);
    router.post("/api/v1/recommendations/:id/apply").handler(this::apply);
    router.post("/api/v1/recommendations/:id/rollback").handler(this::rollback);
  }

  private void list(RoutingContext context) {
    List<FieldError> errors = new ArrayList<>();
    String service = param(context, "service");
    String finding = param(context, "finding");
    if (!finding.isEmpty() && Finding.parse(finding) == null) {
      errors.add(new FieldError("finding", "must be Underprovisioned, Overprovisioned or Optimized"));
    }
    String sortText = param(context, "sort");
    RecommendationBoard.Sort sort = RecommendationBoard.Sort.PRIORITY;
    if (sortText.equals("savings")) {
      sort = RecommendationBoard.Sort.SAVINGS;
    } else if (!sortText.isEmpty() && !sortText.equals("priority")) {
      errors.add(new FieldError("sort", "must be priority or savings"));
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
    List<JsonObject> items = errors.isEmpty() ? board.list(service, finding, sort) : List.of();
    Optional<ListPage> found = errors.isEmpty() ? ListPage.after(items, param(context, "cursor"), limit) : Optional.empty();
    if (errors.isEmpty() && found.isEmpty()) {
      errors.add(new FieldError("cursor", "is not a recommendation of this listing (it may have been withdrawn); start again without it"));
    }
    if (!errors.isEmpty()) {
      ErrorResponses.send(context, 400, "invalid query", errors);
      return;
    }
    JsonArray page = new JsonArray();
    found.get().items().forEach(item -> page.add(summary(item)));
    json(context, 200, new JsonObject().put("recommendations", page).put("count", page.size()).put("total", items.size())
        .put("nextCursor", found.get().nextCursor()));
  }

  /** A list item: the whole record without the evidence's histograms and peaks, which only the single view carries. */
  static JsonObject summary(JsonObject recommendation) {
    JsonObject item = recommendation.copy();
    JsonObject evidence = item.getJsonObject("evidence");
    if (evidence != null) {
      item.put("evidence", new JsonObject().put("from", evidence.getValue("from")).put("to", evidence.getValue("to"))
          .put("hours", evidence.getValue("hours")).put("kills", evidence.getJsonArray("kills", new JsonArray()).size()));
    }
    return item;
  }

  private void one(RoutingContext context) {
    String id = context.pathParam("id");
    Optional<JsonObject> found = board.get(id);
    if (found.isEmpty()) {
      unknown(context, id);
      return;
    }
    JsonObject body = found.get().copy();
    board.action(id).ifPresent(action -> body.put("lastAction", action));
    json(context, 200, body);
  }

  private void apply(RoutingContext context) {
    if (!authorised(context)) {
      return;
    }
    String id = context.pathParam("id");
    Optional<Boolean> dryRun = dryRun(context);
    if (dryRun.isEmpty()) {
      return;
    }
    Optional<JsonObject> found = board.get(id);
    if (found.isEmpty()) {
      unknown(context, id);
      return;
    }
    JsonObject recommendation = found.get();
    Optional<String> refusal = refusal(recommendation, dryRun.get());
    if (refusal.isPresent()) {
      ErrorResponses.send(context, 409, refusal.get(), List.of(new FieldError("id", refusal.get())));
      return;
    }
    JsonObject current = recommendation.getJsonObject("current");
    JsonObject recommended = recommendation.getJsonObject("recommended");
    String cluster = recommendation.getString("cluster");
    String service = recommendation.getString("service");
    if (!"ecs".equals(current.getString("source"))) {
      configuredPlan(context, recommendation);
      return;
    }
    Context vertxContext = context.vertx().getOrCreateContext();
    EcsApplier applier = ecs.get();
    applier.plan(vertxContext, cluster, service, current.getString("taskDefinition"), recommended.getInteger("cpu"), recommended.getInteger("memoryMiB"))
        .onFailure(failure -> failed(context, failure))
        .onSuccess(plan -> {
          JsonObject answer = new JsonObject().put("id", id).put("dryRun", dryRun.get()).put("service", service).put("cluster", cluster)
              .put("taskDefinition", new JsonObject().put("current", plan.currentTaskDefinition()).put("new", plan.change().newDefinitionJson()))
              .put("diff", plan.change().diffJson())
              .put("registerTaskDefinition", new JsonObject().put("action", "RegisterTaskDefinition").put("family", plan.change().request().family()))
              .put("updateService", EcsApplier.updateServiceCall(cluster, service, plan.change().request().family() + ":<the revision RegisterTaskDefinition answers>"));
          if (dryRun.get()) {
            json(context, 200, answer);
            return;
          }
          applier.apply(vertxContext, plan).onFailure(failure -> failed(context, failure)).onSuccess(newArn -> {
            JsonObject action = new JsonObject().put("action", "applied").put("recommendationId", id).put("cluster", cluster).put("service", service)
                .put("previousTaskDefinition", plan.currentTaskDefinition()).put("appliedTaskDefinition", newArn)
                .put("at", clock.instant().toString()).put("diff", plan.change().diffJson());
            answer.put("updateService", EcsApplier.updateServiceCall(cluster, service, newArn)).put("appliedTaskDefinition", newArn)
                .put("previousTaskDefinition", plan.currentTaskDefinition());
            recorded(context, id, action, new JsonObject().put("taskDefinition", plan.currentTaskDefinition()),
                new JsonObject().put("taskDefinition", newArn), answer);
          });
        });
  }

  private void rollback(RoutingContext context) {
    if (!authorised(context)) {
      return;
    }
    String id = context.pathParam("id");
    if (!emptyOrObject(context)) {
      return;
    }
    Optional<JsonObject> applied = board.action(id).filter(action -> "applied".equals(action.getString("action")));
    if (applied.isEmpty()) {
      if (board.get(id).isEmpty()) {
        unknown(context, id);
      } else {
        ErrorResponses.send(context, 409, "nothing to roll back: recommendation " + id + " has not been applied", List.of(new FieldError("id", "not applied")));
      }
      return;
    }
    if (!config.applyEnabled() || ecs.isEmpty()) {
      String reason = !config.applyEnabled() ? "recommendations.applyEnabled is false: nothing is changed, so nothing can be rolled back"
          : "recommendations.ecs.enabled is false: ECS cannot be reached";
      ErrorResponses.send(context, 409, reason, List.of(new FieldError("id", reason)));
      return;
    }
    JsonObject action = applied.get();
    String previous = action.getString("previousTaskDefinition");
    String appliedArn = action.getString("appliedTaskDefinition");
    ecs.get().rollback(context.vertx().getOrCreateContext(), action.getString("cluster"), action.getString("service"), appliedArn, previous)
        .onFailure(failure -> failed(context, failure))
        .onSuccess(done -> {
          JsonObject rolledBack = action.copy().put("action", "rolledBack").put("at", clock.instant().toString());
          JsonObject answer = new JsonObject().put("id", id).put("service", action.getString("service")).put("cluster", action.getString("cluster"))
              .put("taskDefinition", previous).put("rolledBackFrom", appliedArn)
              .put("updateService", EcsApplier.updateServiceCall(action.getString("cluster"), action.getString("service"), previous));
          recorded(context, id, rolledBack, new JsonObject().put("taskDefinition", appliedArn), new JsonObject().put("taskDefinition", previous), answer);
        });
  }

  /** Keeps the action, then the audit record, then answers; a failed audit is logged, not hidden from the caller's result. */
  private void recorded(RoutingContext context, String id, JsonObject action, JsonObject before, JsonObject after, JsonObject answer) {
    actions.write(id, action)
        .compose(kept -> audit.record(context, "recommendations", id, 200, before, after))
        .onComplete(done -> {
          if (done.failed()) {
            LOG.warn("recommendation {}: {} done in ECS but not fully recorded: {}", id, action.getString("action"), done.cause().getMessage());
          }
          json(context, 200, answer);
        });
  }

  /** Why recommendation {@code recommendation} must not be applied, if it must not. */
  private Optional<String> refusal(JsonObject recommendation, boolean dryRun) {
    if (!"rightsize".equals(recommendation.getString("kind"))) {
      return Optional.of("only right-sizing recommendations are applied; set the task count or scaling policy of a scaling recommendation yourself");
    }
    if (Finding.OPTIMIZED.wire().equals(recommendation.getString("finding"))) {
      return Optional.of("nothing to apply: the service is already the recommended size");
    }
    double confidence = recommendation.getDouble("confidence", 0.0);
    if (confidence < config.confidenceFloor()) {
      return Optional.of("confidence " + confidence + " is below recommendations.confidenceFloor (" + config.confidenceFloor() + "); wait for more evidence");
    }
    boolean fromEcs = "ecs".equals(recommendation.getJsonObject("current").getString("source"));
    if (!dryRun && !config.applyEnabled()) {
      return Optional.of("recommendations.applyEnabled is false: only dry runs ({\"dryRun\": true}) are answered");
    }
    if (!dryRun && !fromEcs) {
      return Optional.of("the service's size comes from configuration, not from an ECS task definition: change recommendations.services."
          + recommendation.getString("service") + " and the service yourself");
    }
    if (fromEcs && ecs.isEmpty()) {
      return Optional.of("recommendations.ecs.enabled is false: ECS cannot be reached");
    }
    return Optional.empty();
  }

  /** A dry run for a service sized by configuration: the change in the task definition's terms, with nothing to register against. */
  private void configuredPlan(RoutingContext context, JsonObject recommendation) {
    JsonObject current = recommendation.getJsonObject("current");
    JsonObject recommended = recommendation.getJsonObject("recommended");
    JsonArray diff = new JsonArray();
    if (!current.getInteger("cpu").equals(recommended.getInteger("cpu"))) {
      diff.add(new JsonObject().put("path", "cpu").put("from", String.valueOf(current.getInteger("cpu"))).put("to", String.valueOf(recommended.getInteger("cpu"))));
    }
    if (!current.getInteger("memoryMiB").equals(recommended.getInteger("memoryMiB"))) {
      diff.add(new JsonObject().put("path", "memory").put("from", String.valueOf(current.getInteger("memoryMiB")))
          .put("to", String.valueOf(recommended.getInteger("memoryMiB"))));
    }
    String service = recommendation.getString("service");
    json(context, 200, new JsonObject().put("id", recommendation.getString("id")).put("dryRun", true).put("service", service)
        .put("cluster", recommendation.getString("cluster"))
        .put("taskDefinition", new JsonObject().put("current", null).put("new", new JsonObject().put("family", service)
            .put("cpu", String.valueOf(recommended.getInteger("cpu"))).put("memory", String.valueOf(recommended.getInteger("memoryMiB")))))
        .put("diff", diff)
        .put("registerTaskDefinition", new JsonObject().put("action", "RegisterTaskDefinition").put("family", service))
        .put("updateService", EcsApplier.updateServiceCall(recommendation.getString("cluster"), service, service + ":<the revision RegisterTaskDefinition answers>"))
        .put("applicable", false)
        .put("note", "the size comes from recommendations.services (or the demo), not from ECS; with recommendations.ecs.enabled the apply registers this change"));
  }

  private Optional<Boolean> dryRun(RoutingContext context) {
    String text = context.body().asString();
    if (text == null || text.isBlank()) {
      return Optional.of(true);
    }
    JsonObject body;
    try {
      body = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      ErrorResponses.send(context, 400, "malformed JSON", List.of(new FieldError("body", "must be a JSON object such as {\"dryRun\": true}")));
      return Optional.empty();
    }
    List<FieldError> errors = new ArrayList<>();
    for (String key : body.fieldNames()) {
      if (!APPLY_KEYS.contains(key)) {
        errors.add(new FieldError(key, "unknown field; only dryRun is taken"));
      }
    }
    Object value = body.getValue("dryRun");
    if (value != null && !(value instanceof Boolean)) {
      errors.add(new FieldError("dryRun", "must be true or false"));
    }
    if (!errors.isEmpty()) {
      ErrorResponses.send(context, 400, "invalid apply request", errors);
      return Optional.empty();
    }
    return Optional.of(value == null || (Boolean) value);
  }

  private boolean emptyOrObject(RoutingContext context) {
    String text = context.body().asString();
    if (text == null || text.isBlank()) {
      return true;
    }
    try {
      JsonObject body = new JsonObject(text);
      if (!body.isEmpty()) {
        ErrorResponses.send(context, 400, "invalid rollback request", List.of(new FieldError(body.fieldNames().iterator().next(), "unknown field; a rollback takes no fields")));
        return false;
      }
      return true;
    } catch (DecodeException | ClassCastException e) {
      ErrorResponses.send(context, 400, "malformed JSON", List.of(new FieldError("body", "must be empty or {}")));
      return false;
    }
  }

  private boolean authorised(RoutingContext context) {
    Optional<AdminWrites.Refusal> refused = writes.refusal(context);
    refused.ifPresent(refusal -> ErrorResponses.send(context, refusal.status(), refusal.message(), List.of()));
    return refused.isEmpty();
  }

  private void failed(RoutingContext context, Throwable failure) {
    if (failure instanceof ApplyRefused refused) {
      ErrorResponses.send(context, 409, refused.getMessage(), List.of(new FieldError(refused.field(), refused.getMessage())));
      return;
    }
    String described = AwsClients.describe(failure);
    LOG.warn("recommendations: ECS call failed: {}", described);
    ErrorResponses.send(context, 502, "ECS call failed: " + described, List.of());
  }

  private void unknown(RoutingContext context, String id) {
    ErrorResponses.send(context, 404, "unknown recommendation '" + id + "'", List.of(new FieldError("id", "no recommendation has this id")));
  }

  private static String param(RoutingContext context, String name) {
    String value = context.queryParams().get(name);
    return value == null ? "" : value.trim();
  }


  private static Future<Void> json(RoutingContext context, int status, JsonObject body) {
    return context.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
