package io.vigil.web;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigil.model.Addresses;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code /api/v1/stream}: a WebSocket on which a client sends {@code {"subscribe":["anomalies",
 * "alerts", "points:<seriesId>"]}} and then receives {@code {"type":"anomaly"|"alert"|"point",
 * "data":{...}}} as they happen. Each connection holds its own event-bus consumers, released when it
 * closes; a client that does not keep up loses messages rather than growing the server's memory.
 */
final class StreamRoute {

  static final String ANOMALIES = "anomalies";
  static final String ALERTS = "alerts";
  static final String POINTS_PREFIX = "points:";

  private final Vertx vertx;

  StreamRoute(Vertx vertx) {
    this.vertx = vertx;
  }

  void handle(RoutingContext context) {
    context.request().toWebSocket().onSuccess(this::serve).onFailure(context::fail);
  }

  /** What one connection asked for; touched only on the connection's event loop. */
  private static final class Subscriptions {
    final Set<String> topics = new HashSet<>();
    final Set<String> seriesIds = new HashSet<>();
  }

  private void serve(ServerWebSocket socket) {
    Subscriptions subscriptions = new Subscriptions();
    List<MessageConsumer<JsonObject>> consumers = List.of(
        forward(socket, Addresses.STREAM_ANOMALIES, "anomaly", data -> subscriptions.topics.contains(ANOMALIES)),
        forward(socket, Addresses.STREAM_ALERTS, "alert", data -> subscriptions.topics.contains(ALERTS)),
        forward(socket, Addresses.STREAM_POINTS, "point", data -> subscriptions.seriesIds.contains(data.getString("seriesId"))));
    socket.textMessageHandler(text -> subscribe(socket, subscriptions, text));
    socket.closeHandler(closed -> consumers.forEach(MessageConsumer::unregister));
  }

  private MessageConsumer<JsonObject> forward(ServerWebSocket socket, String address, String type, Predicate<JsonObject> wanted) {
    return vertx.eventBus().<JsonObject>consumer(address, message -> {
      if (wanted.test(message.body()) && !socket.writeQueueFull()) {
        socket.writeTextMessage(new JsonObject().put("type", type).put("data", message.body()).encode());
      }
    });
  }

  private static void subscribe(ServerWebSocket socket, Subscriptions subscriptions, String text) {
    JsonObject request;
    try {
      request = new JsonObject(text);
    } catch (DecodeException e) {
      socket.writeTextMessage(error("malformed JSON: " + e.getMessage()));
      return;
    }
    Object topics = request.getValue("subscribe");
    if (!(topics instanceof JsonArray)) {
      socket.writeTextMessage(error("expected {\"subscribe\":[\"anomalies\",\"alerts\",\"points:<seriesId>\"]}"));
      return;
    }
    JsonArray accepted = new JsonArray();
    for (Object topic : (JsonArray) topics) {
      if (ANOMALIES.equals(topic) || ALERTS.equals(topic)) {
        subscriptions.topics.add((String) topic);
        accepted.add(topic);
      } else if (topic instanceof String && ((String) topic).startsWith(POINTS_PREFIX) && ((String) topic).length() > POINTS_PREFIX.length()) {
        subscriptions.seriesIds.add(((String) topic).substring(POINTS_PREFIX.length()));
        accepted.add(topic);
      } else {
        socket.writeTextMessage(error("unknown subscription " + topic + "; use \"anomalies\", \"alerts\" or \"points:<seriesId>\""));
      }
    }
    socket.writeTextMessage(new JsonObject().put("type", "subscribed").put("data", new JsonObject().put("subscriptions", accepted)).encode());
  }

  private static String error(String message) {
    return new JsonObject().put("type", "error").put("data", new JsonObject().put("error", message)).encode();
  }
}
