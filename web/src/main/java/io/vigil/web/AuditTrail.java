package io.vigil.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Appends one audit record per write made through the API: when, who (the admin token's holder, or
 * a loopback client when no token is set), what (method, path, the object's {@code <type>/<id>}),
 * the request's correlation id, the status, and the object before and after. Values under keys that
 * name a secret are masked at any depth, whatever the route returned, so no record holds a token,
 * secret or password.
 *
 * <p>Record form (the wire form of the {@code vigil.audit} topic and of {@code GET /api/v1/audit}):
 * {@code id, time, timeMillis, actor, method, path, object, requestId, status, before, after}.
 */
public final class AuditTrail {

  /** Where records go: Kafka in the engine. Completes once the record is durable. */
  @FunctionalInterface
  public interface Sink {
    Future<Void> append(String objectKey, JsonObject record, String requestId);
  }

  static final String MASK = "***";
  private static final Set<String> SECRET_WORDS = Set.of("secret", "password", "token", "apikey", "api_key",
      "routingkey", "routing_key", "integrationkey", "authorization", "credentials");

  private final Sink sink;
  private final Clock clock;
  private final boolean tokenSet;

  public AuditTrail(Sink sink, Clock clock, boolean tokenSet) {
    this.sink = sink;
    this.clock = clock;
    this.tokenSet = tokenSet;
  }

  /**
   * Records a write that succeeded with {@code status}; {@code before} and {@code after} may be null
   * (a create has no before, a delete no after).
   */
  public Future<Void> record(RoutingContext context, String objectType, String objectId, int status, JsonObject before, JsonObject after) {
    Instant now = clock.instant();
    String object = objectType + "/" + (objectId == null ? "" : objectId);
    String requestId = RequestIds.of(context);
    JsonObject record = new JsonObject()
        .put("id", UUID.randomUUID().toString())
        .put("time", now.toString())
        .put("timeMillis", now.toEpochMilli())
        .put("actor", actor(context))
        .put("method", context.request().method().name())
        .put("path", context.request().path())
        .put("object", object)
        .put("requestId", requestId)
        .put("status", status)
        .put("before", before == null ? null : masked(before))
        .put("after", after == null ? null : masked(after));
    return sink.append(object, record, requestId);
  }

  /**
   * The record of a write a stage made by itself, not through the API (a deployment's automatic
   * rollback): the same form, {@code actor} the stage, {@code method} the call it made and
   * {@code path} what it was made against; no request id. Secrets are masked alike.
   */
  public static JsonObject automatic(Instant at, String actor, String call, String target, String objectType, String objectId, int status,
      JsonObject before, JsonObject after) {
    return new JsonObject()
        .put("id", UUID.randomUUID().toString())
        .put("time", at.toString())
        .put("timeMillis", at.toEpochMilli())
        .put("actor", actor)
        .put("method", call)
        .put("path", target)
        .put("object", objectType + "/" + objectId)
        .put("requestId", "")
        .put("status", status)
        .put("before", before == null ? null : masked(before))
        .put("after", after == null ? null : masked(after));
  }

  private String actor(RoutingContext context) {
    if (tokenSet) {
      return "admin-token";
    }
    return "loopback:" + context.request().remoteAddress().hostAddress();
  }

  /** A deep copy with every value under a secret-naming key replaced by {@value #MASK}. */
  static JsonObject masked(JsonObject object) {
    JsonObject copy = new JsonObject();
    for (Map.Entry<String, Object> entry : object) {
      copy.put(entry.getKey(), isSecret(entry.getKey()) && entry.getValue() != null ? MASK : maskedValue(entry.getValue()));
    }
    return copy;
  }

  private static Object maskedValue(Object value) {
    if (value instanceof JsonObject object) {
      return masked(object);
    }
    if (value instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(item -> copy.add(maskedValue(item)));
      return copy;
    }
    return value;
  }

  private static boolean isSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(lower::contains);
  }
}
