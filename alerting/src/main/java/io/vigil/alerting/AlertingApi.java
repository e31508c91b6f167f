package io.vigil.alerting;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.ingest.push.FieldError;
import io.vigil.model.Addresses;
import io.vigil.model.Topics;
import io.vigil.web.RequestIds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting API behind {@link AlertingRoutes}: thirteen request/reply actions on
 * {@link Addresses#ALERTING_API} over subscriptions, silences, alerts, acks and feedback. Reads come
 * from {@link AlertingViews}, so any process answers for every alert; a write is answered once Kafka
 * has acknowledged it, and applied to the views at once so the next read sees it. An ack is a
 * command to the alert's owner, answered when the acknowledged alert is read back. Not thread-safe:
 * it runs on the alerting verticle's event loop, which owns the views.
 */
final class AlertingApi {

  private static final Logger LOG = LoggerFactory.getLogger(AlertingApi.class);

  /** Event-bus header with the correlation id of the HTTP request an API message comes from. */
  static final String REQUEST_ID_HEADER = "requestId";
  private static final Set<String> ALERT_STATES = Set.of("firing", "resolved", "silenced", "inhibited");

  private final Vertx vertx;
  private final Clock clock;
  private final AlertingViews views;
  private final AlertDispatcher dispatcher;
  private final ReceiverUrlGuard guard;
  private final RecordWriter writer;
  private final long ackWaitMillis;
  /** Names of subscriptions being created, so two creations racing for one name cannot both pass. */
  private final Set<String> reservedNames = new HashSet<>();
  private final Map<String, List<Promise<JsonObject>>> ackWaits = new HashMap<>();

  /**
   * @param dispatcher consulted only for an alert's state (silenced, inhibited)
   * @param ackWaitMillis how long an ack waits to see the owner apply it before answering 202
   */
  AlertingApi(Vertx vertx, Clock clock, AlertingViews views, AlertDispatcher dispatcher, ReceiverUrlGuard guard, RecordWriter writer,
      long ackWaitMillis) {
    this.vertx = vertx;
    this.clock = clock;
    this.views = views;
    this.dispatcher = dispatcher;
    this.guard = guard;
    this.writer = writer;
    this.ackWaitMillis = ackWaitMillis;
  }


  /** Answers one API message on the event loop that owns the state. */
  void answer(Message<JsonObject> message) {
    RequestIds.bind(message.headers().get(REQUEST_ID_HEADER));
    handle(message.body()).onComplete(done -> message.reply(done.result()));
  }

  /**
   * The reply to one request ({@code action}, and {@code id}, {@code body} or {@code state} as the
   * action needs): {@code status} and {@code body}, the routes' HTTP answer. Never fails: a write
   * Kafka did not take is a 503, an unexpected error a 500.
   */
  Future<JsonObject> handle(JsonObject request) {
    Future<JsonObject> reply;
    try {
      reply = switch (request.getString("action")) {
        case "subscriptions.list" -> ok(listSubscriptions());
        case "subscriptions.get" -> subscription(request.getString("id"));
        case "subscriptions.create" -> putSubscription(request.getJsonObject("body"), null);
        case "subscriptions.update" -> putSubscription(request.getJsonObject("body"), request.getString("id"));
        case "subscriptions.delete" -> deleteSubscription(request.getString("id"));
        case "silences.list" -> ok(listSilences());
        case "silences.get" -> silence(request.getString("id"));
        case "silences.create" -> createSilence(request.getJsonObject("body"));
        case "silences.delete" -> expireSilence(request.getString("id"));
        case "alerts.list" -> listAlerts(request.getString("state"));
        case "alerts.get" -> alert(request.getString("id"));
        case "alerts.ack" -> acknowledge(request.getString("id"));
        case "alerts.feedback" -> addFeedback(request.getString("id"), request.getJsonObject("body"));
        default -> Future.succeededFuture(error(404, "no such action", List.of()));
      };
    } catch (RuntimeException e) {
      LOG.error("alerting API action {} failed", request.getString("action"), e);
      reply = Future.succeededFuture(error(500, "internal error", List.of()));
    }
    return reply.transform(done -> Future.succeededFuture(done.succeeded() ? done.result()
        : error(503, "could not store the change in Kafka: " + done.cause().getMessage(), List.of())));
  }

  private static Future<JsonObject> ok(Object body) {
    return reply(200, body);
  }

  private static Future<JsonObject> reply(int status, Object body) {
    return Future.succeededFuture(new JsonObject().put("status", status).put("body", body));
  }

  /** An error reply, {@code status} and the error envelope; the routes answer their own errors with it too. */
  static JsonObject error(int status, String message, List<FieldError> details) {
    JsonArray array = new JsonArray();
    details.forEach(detail -> array.add(detail.toJson()));
    return new JsonObject().put("status", status).put("body", new JsonObject().put("error", message).put("details", array));
  }

  private JsonObject listSubscriptions() {
    JsonArray items = new JsonArray();
    views.subscriptions().forEach(subscription -> items.add(subscription.toJson(true)));
    return new JsonObject().put("subscriptions", items);
  }

  private Future<JsonObject> subscription(String name) {
    return views.subscription(name).map(subscription -> ok(subscription.toJson(true)))
        .orElseGet(() -> Future.succeededFuture(error(404, "no subscription named " + name, List.of())));
  }

  private Future<JsonObject> putSubscription(JsonObject body, String pathName) {
    if (body == null) {
      return Future.succeededFuture(error(400, "the body must be a JSON object", List.of(new FieldError("body", "must be a JSON object"))));
    }
    if (pathName != null && !body.containsKey("name")) {
      body = body.copy().put("name", pathName);
    }
    SubscriptionParser.Result parsed = SubscriptionParser.parse(body);
    if (parsed.subscription() == null) {
      return Future.succeededFuture(error(400, "invalid subscription: nothing was stored", parsed.errors()));
    }
    Subscription subscription = parsed.subscription();
    String name = subscription.name();
    if (pathName != null && !pathName.equals(name)) {
      return Future.succeededFuture(error(400, "invalid subscription: nothing was stored",
          List.of(new FieldError("name", "must equal the name in the path (" + pathName + ")"))));
    }
    if (pathName == null && (views.subscription(name).isPresent() || reservedNames.contains(name))) {
      return Future.succeededFuture(error(400, "invalid subscription: nothing was stored",
          List.of(new FieldError("name", "a subscription named " + name + " already exists"))));
    }
    if (pathName != null && views.subscription(name).isEmpty()) {
      return Future.succeededFuture(error(404, "no subscription named " + name, List.of()));
    }
    reservedNames.add(name);
    String url = subscription.receiver().getString("url");
    Future<String> urlCheck = url == null ? Future.succeededFuture(null) : guard.problemWith(url);
    return urlCheck.compose(problem -> {
      if (problem != null) {
        return Future.succeededFuture(error(400, "invalid subscription: nothing was stored", List.of(new FieldError("receiver.url", problem))));
      }
      return writer.send(Topics.SUBSCRIPTIONS, name, subscription.toJson(false)).map(written -> {
        views.putSubscription(subscription);
        LOG.info("alerting: subscription {} {} ({} receiver)", name, pathName == null ? "created" : "updated", subscription.receiverType());
        return new JsonObject().put("status", pathName == null ? 201 : 200).put("body", subscription.toJson(true));
      });
    }).eventually(() -> {
      reservedNames.remove(name);
      return Future.succeededFuture();
    });
  }

  private Future<JsonObject> deleteSubscription(String name) {
    if (views.subscription(name).isEmpty()) {
      return Future.succeededFuture(error(404, "no subscription named " + name, List.of()));
    }
    return writer.send(Topics.SUBSCRIPTIONS, name, null).map(written -> {
      views.removeSubscription(name);
      return new JsonObject().put("status", 204);
    });
  }

  private JsonObject listSilences() {
    long now = clock.millis();
    JsonArray items = new JsonArray();
    views.silences().stream().sorted(Comparator.comparingLong(Silence::createdAtMillis))
        .forEach(silence -> items.add(silence.toJson().put("state", silence.state(now))));
    return new JsonObject().put("silences", items);
  }

  private Future<JsonObject> silence(String id) {
    return views.silence(id).map(silence -> ok(silence.toJson().put("state", silence.state(clock.millis()))))
        .orElseGet(() -> Future.succeededFuture(error(404, "no silence with id " + id, List.of())));
  }

  private Future<JsonObject> createSilence(JsonObject body) {
    if (body == null) {
      return Future.succeededFuture(error(400, "the body must be a JSON object", List.of(new FieldError("body", "must be a JSON object"))));
    }
    long now = clock.millis();
    Silence.Result parsed = Silence.parse(body, "si-" + UUID.randomUUID(), now);
    if (parsed.silence() == null) {
      return Future.succeededFuture(error(400, "invalid silence: nothing was stored", parsed.errors()));
    }
    Silence silence = parsed.silence();
    return writer.send(Topics.SILENCES, silence.id(), silence.toJson()).map(written -> {
      views.putSilence(silence);
      return new JsonObject().put("status", 201).put("body", silence.toJson().put("state", silence.state(now)));
    });
  }

  private Future<JsonObject> expireSilence(String id) {
    Optional<Silence> silence = views.silence(id);
    if (silence.isEmpty()) {
      return Future.succeededFuture(error(404, "no silence with id " + id, List.of()));
    }
    Silence expired = silence.get().endingAt(clock.millis());
    return writer.send(Topics.SILENCES, id, expired.toJson()).map(written -> {
      views.putSilence(expired);
      return new JsonObject().put("status", 200).put("body", expired.toJson().put("state", expired.state(clock.millis())));
    });
  }

  private JsonObject alertJson(Alert alert) {
    return alert.toJson()
        .put("state", dispatcher.stateOf(alert, views.alerts().alerts(), views.silences()))
        .put("feedback", views.feedback().of(alert.id()));
  }

  private Future<JsonObject> listAlerts(String state) {
    if (state != null && !ALERT_STATES.contains(state)) {
      return Future.succeededFuture(error(400, "invalid query", List.of(new FieldError("state", "must be one of firing, resolved, silenced, inhibited"))));
    }
    JsonArray items = new JsonArray();
    views.alerts().alerts().stream().sorted(Comparator.comparingLong(Alert::startsAtMillis).reversed()).forEach(alert -> {
      JsonObject json = alertJson(alert);
      if (state == null || state.equals(json.getString("state"))) {
        items.add(json);
      }
    });
    return ok(new JsonObject().put("alerts", items));
  }

  private Future<JsonObject> alert(String id) {
    return views.alerts().find(id).map(alert -> ok(alertJson(alert)))
        .orElseGet(() -> Future.succeededFuture(error(404, "no alert with id " + id, List.of())));
  }

  /**
   * Sends an ack command to the alert's owner (maybe this process) and answers 200 with the alert
   * once the acknowledged alert is read back from the alerts topic, or 202 with the alert as it
   * stands if that takes longer than {@code ackWaitMillis} (the command stays in Kafka and is
   * applied when the owner gets to it).
   */
  private Future<JsonObject> acknowledge(String id) {
    Optional<Alert> found = views.alerts().find(id);
    if (found.isEmpty()) {
      return Future.succeededFuture(error(404, "no alert with id " + id, List.of()));
    }
    Alert alert = found.get();
    if (alert.acknowledged()) {
      return ok(alertJson(alert));
    }
    // Waiting starts before the send, so a read-back that overtakes the send's answer is not missed.
    Promise<JsonObject> applied = Promise.promise();
    List<Promise<JsonObject>> waiting = ackWaits.computeIfAbsent(alert.id(), key -> new ArrayList<>());
    waiting.add(applied);
    long timer = vertx.setTimer(ackWaitMillis, fired ->
        applied.tryComplete(new JsonObject().put("status", 202).put("body", alertJson(views.alerts().find(alert.id()).orElse(alert)))));
    JsonObject command = new JsonObject().put("type", "ack").put("alertId", alert.id()).put("fingerprint", alert.fingerprint());
    writer.send(Topics.ALERT_COMMANDS, alert.seriesId(), command).onFailure(applied::tryFail);
    return applied.future().onComplete(done -> {
      vertx.cancelTimer(timer);
      List<Promise<JsonObject>> stillWaiting = ackWaits.get(alert.id());
      if (stillWaiting != null && stillWaiting.remove(applied) && stillWaiting.isEmpty()) {
        ackWaits.remove(alert.id());
      }
    });
  }

  private Future<JsonObject> addFeedback(String id, JsonObject body) {
    Optional<Alert> found = views.alerts().find(id);
    if (found.isEmpty()) {
      return Future.succeededFuture(error(404, "no alert with id " + id, List.of()));
    }
    List<FieldError> errors = new ArrayList<>();
    if (body == null) {
      errors.add(new FieldError("body", "must be a JSON object"));
    } else {
      for (String key : body.fieldNames()) {
        if (!key.equals("verdict") && !key.equals("comment")) {
          errors.add(new FieldError(key, "unknown field; allowed: comment, verdict"));
        }
      }
      Object verdict = body.getValue("verdict");
      if (!(verdict instanceof String) || !FeedbackLedger.VERDICTS.contains(verdict)) {
        errors.add(new FieldError("verdict", "must be one of anomaly, not_anomaly, expected"));
      }
      Object comment = body.getValue("comment");
      if (comment != null && (!(comment instanceof String) || ((String) comment).length() > 2000)) {
        errors.add(new FieldError("comment", "must be text of at most 2000 characters"));
      }
    }
    if (!errors.isEmpty()) {
      return Future.succeededFuture(error(400, "invalid feedback: nothing was stored", errors));
    }
    Alert alert = found.get();
    String feedbackId = "fb-" + UUID.randomUUID();
    JsonObject record = new JsonObject()
        .put("id", feedbackId)
        .put("alertId", alert.id())
        .put("fingerprint", alert.fingerprint())
        .put("seriesId", alert.seriesId())
        .put("verdict", body.getString("verdict"))
        .put("comment", body.getString("comment", ""))
        .put("createdAt", Instant.ofEpochMilli(clock.millis()).toString());
    // Feedback needs no command: it only adds a record under a new id, and every process (the alert's
    // owner among them) follows the feedback topic, so the owner's threshold rises when it reads it.
    return writer.send(Topics.FEEDBACK, feedbackId, record).map(written -> {
      views.feedback().add(record);
      return new JsonObject().put("status", 201).put("body", record.copy()
          .put("seriesThreshold", views.feedback().thresholdOf(alert.seriesId())));
    });
  }

  /** Answers the acks waiting for this alert, now read back acknowledged from the alerts topic. */
  void settleAcks(Alert acked) {
    List<Promise<JsonObject>> waiting = ackWaits.remove(acked.id());
    if (waiting != null) {
      JsonObject reply = new JsonObject().put("status", 200).put("body", alertJson(acked));
      waiting.forEach(promise -> promise.tryComplete(reply.copy()));
    }
  }

  /** Answers every ack still waiting with 503: the verticle is stopping. */
  void close() {
    // Taken out first: completing a wait runs its listener, which removes it from these lists.
    List<Promise<JsonObject>> waiting = new ArrayList<>();
    ackWaits.values().forEach(waiting::addAll);
    ackWaits.clear();
    waiting.forEach(promise -> promise.tryComplete(error(503, "alerting is stopping", List.of())));
  }
}
