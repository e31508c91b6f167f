package io.vigil.alerting;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.config.AuthConfig;
import io.vigil.config.HttpConfig;
import io.vigil.ingest.push.FieldError;
import io.vigil.ingest.push.StrictJson;
import io.vigil.model.Addresses;
import io.vigil.web.AdminWrites;
import io.vigil.web.ApiExtension;
import io.vigil.web.AuditTrail;
import io.vigil.web.RequestIds;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting endpoints: subscriptions, silences, alerts (ack, feedback) and deliveries. Handlers
 * only check auth and forward the request to the alerting or delivery verticle over the event bus.
 *
 * <p>Writes need {@code Authorization: Bearer <auth.adminToken>}. Without a configured token,
 * writes are accepted only while the server is bound to a loopback host; on any other host they are
 * refused with 403, so a server exposed without a token cannot be reconfigured by anyone who reaches it.
 * Every write that succeeds is answered only once its audit record (the object before and after) is
 * in Kafka.
 */
public final class AlertingRoutes implements ApiExtension {

  private static final Logger LOG = LoggerFactory.getLogger(AlertingRoutes.class);
  private static final Set<String> DELIVERY_STATES = Set.of("pending", "retrying", "delivered", "failed");
  private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(15_000);

  private final AdminWrites writes;
  private final String host;

  private final AuditTrail audit;

  public AlertingRoutes(AuthConfig auth, HttpConfig http, AuditTrail audit) {
    this.audit = audit;
    this.writes = new AdminWrites(auth, http);
    this.host = http.host();
  }

  /** A line for the start-up log saying how write endpoints are protected. */
  public String describeAuth() {
    if (writes.tokenSet()) {
      return "alerting write endpoints require the admin bearer token";
    }
    return writes.loopbackHost()
        ? "no auth.adminToken (VIGIL_ADMIN_TOKEN) set: HTTP is bound to loopback " + host + " only, and write endpoints are open to local clients"
        : "no auth.adminToken (VIGIL_ADMIN_TOKEN) set and HTTP is bound to " + host + ", not loopback: alerting write endpoints are DISABLED (403) until a token is set";
  }

  @Override
  public void mount(Router router, Vertx vertx) {
    LOG.info(describeAuth());
    router.get("/api/v1/subscriptions").handler(context -> forward(vertx, context, "subscriptions.list"));
    router.post("/api/v1/subscriptions").handler(context -> write(vertx, context, "subscriptions.create"));
    router.get("/api/v1/subscriptions/:id").handler(context -> forward(vertx, context, "subscriptions.get"));
    router.put("/api/v1/subscriptions/:id").handler(context -> write(vertx, context, "subscriptions.update"));
    router.delete("/api/v1/subscriptions/:id").handler(context -> write(vertx, context, "subscriptions.delete"));
    router.get("/api/v1/silences").handler(context -> forward(vertx, context, "silences.list"));
    router.post("/api/v1/silences").handler(context -> write(vertx, context, "silences.create"));
    router.get("/api/v1/silences/:id").handler(context -> forward(vertx, context, "silences.get"));
    router.delete("/api/v1/silences/:id").handler(context -> write(vertx, context, "silences.delete"));
    router.get("/api/v1/alerts").handler(context -> forward(vertx, context, "alerts.list"));
    router.get("/api/v1/alerts/:id").handler(context -> forward(vertx, context, "alerts.get"));
    router.post("/api/v1/alerts/:id/ack").handler(context -> write(vertx, context, "alerts.ack"));
    router.post("/api/v1/alerts/:id/feedback").handler(context -> write(vertx, context, "alerts.feedback"));
    router.get("/api/v1/deliveries").handler(context -> deliveries(vertx, context));
  }

  private void write(Vertx vertx, RoutingContext context, String action) {
    Optional<AdminWrites.Refusal> refused = writes.refusal(context);
    if (refused.isPresent()) {
      send(context, AlertingApi.error(refused.get().status(), refused.get().message(), List.of()));
      return;
    }
    JsonObject request = request(context, action);
    if (request == null) {
      return;
    }
    // The object before the write, for the audit trail; a create has none.
    String type = action.substring(0, action.indexOf('.'));
    String id = context.pathParam("id");
    Future<JsonObject> before = id == null ? Future.succeededFuture() : ask(vertx, context, new JsonObject()
        .put("action", type + ".get").put("id", id)).map(reply -> reply.getInteger("status") == 200 ? body(reply) : null)
        .otherwise((JsonObject) null);
    before.onComplete(found -> ask(vertx, context, request)
        .onSuccess(reply -> audited(vertx, context, type, id, found.result(), reply))
        .onFailure(failure -> unavailable(context, failure)));
  }

  /** Answers a write once its audit record is in Kafka; failed writes are answered as they are. */
  private void audited(Vertx vertx, RoutingContext context, String type, String id, JsonObject before, JsonObject reply) {
    int status = reply.getInteger("status");
    if (status >= 300) {
      send(context, reply);
      return;
    }
    JsonObject replyBody = body(reply);
    String objectId = id != null ? id : replyBody == null ? null : replyBody.getString(type.equals("subscriptions") ? "name" : "id");
    Future<JsonObject> after = context.request().method().name().equals("DELETE") || objectId == null
        ? Future.succeededFuture(replyBody)
        : ask(vertx, context, new JsonObject().put("action", type + ".get").put("id", objectId))
            .map(found -> found.getInteger("status") == 200 ? body(found) : replyBody)
            .otherwise(replyBody);
    after.compose(afterBody -> audit.record(context, type, objectId, status, before, afterBody))
        .onSuccess(recorded -> send(context, reply))
        .onFailure(failure -> {
          LOG.warn("audit record for {} {} not written: {}", context.request().method(), context.request().path(), failure.getMessage());
          send(context, reply);
        });
  }

  private void forward(Vertx vertx, RoutingContext context, String action) {
    JsonObject request = request(context, action);
    if (request != null) {
      ask(vertx, context, request).onSuccess(reply -> send(context, reply)).onFailure(failure -> unavailable(context, failure));
    }
  }

  /** The event-bus request for {@code action}, or null after answering 400 for a bad body. */
  private static JsonObject request(RoutingContext context, String action) {
    JsonObject request = new JsonObject().put("action", action)
        .put("id", context.pathParam("id"))
        .put("state", context.queryParams().get("state"));
    if (context.request().method().name().equals("POST") || context.request().method().name().equals("PUT")) {
      // No body at all leaves the buffer null, not empty.
      boolean empty = context.body().buffer() == null || context.body().buffer().length() == 0;
      if (empty && !action.equals("alerts.ack")) {
        send(context, AlertingApi.error(400, "a JSON body is required: nothing was stored",
            List.of(new FieldError("body", "must be a JSON object"))));
        return null;
      }
      StrictJson.Decoded body = empty ? null : StrictJson.object(context.body().buffer());
      if (body != null && !body.valid()) {
        send(context, AlertingApi.error(400, "malformed JSON: nothing was stored", List.of(body.error())));
        return null;
      }
      request.put("body", body == null ? null : body.object());
    }
    return request;
  }

  private static Future<JsonObject> ask(Vertx vertx, RoutingContext context, JsonObject request) {
    DeliveryOptions options = new DeliveryOptions(TIMEOUT).addHeader(AlertingApi.REQUEST_ID_HEADER, RequestIds.of(context));
    return vertx.eventBus().<JsonObject>request(Addresses.ALERTING_API, request, options).map(Message::body);
  }

  private static JsonObject body(JsonObject reply) {
    return reply.getValue("body") instanceof JsonObject object ? object : null;
  }

  private static void unavailable(RoutingContext context, Throwable failure) {
    send(context, AlertingApi.error(503, "alerting is not available: " + failure.getMessage(), List.of()));
  }

  private void deliveries(Vertx vertx, RoutingContext context) {
    String status = context.queryParams().get("status");
    if (status != null && !DELIVERY_STATES.contains(status)) {
      send(context, AlertingApi.error(400, "invalid query",
          List.of(new FieldError("status", "must be one of pending, retrying, delivered, failed"))));
      return;
    }
    vertx.eventBus().<JsonObject>request(Addresses.DELIVERIES_API, new JsonObject().put("status", status), TIMEOUT)
        .onSuccess(reply -> send(context, new JsonObject().put("status", 200).put("body", reply.body())))
        .onFailure(failure -> send(context, AlertingApi.error(503, "delivery is not available: " + failure.getMessage(), List.of())));
  }

  private static void send(RoutingContext context, JsonObject reply) {
    int status = reply.getInteger("status");
    context.response().setStatusCode(status);
    Object body = reply.getValue("body");
    if (status == 204 || body == null) {
      context.response().end();
      return;
    }
    context.response().putHeader("Content-Type", "application/json")
        .end(body instanceof JsonArray array ? array.encode() : ((JsonObject) body).encode());
  }
}
