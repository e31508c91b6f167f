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
import java.util.Set;

/**
 * {@code /api/v1/stream}: a WebSocket on which a client sends {@code {"subscribe":["anomalies",
 * "points:<seriesId>"]}} and then receives {@code {"type":"anomaly","data":{...}}} and
 * {@code {"type":"point","data":{...}}} as they happen. Each connection holds its own event-bus
 * consumers, released when it closes.
 */
final class StreamRoute {

  static final String ANOMALIES = "anomalies";
  static final String POINTS_PREFIX = "points:";

  private final Vertx vertx;

  StreamRoute(Vertx vertx) {
    this.vertx = vertx;
  }

  void handle(RoutingContext context) {
    context.request().toWebSocket().onSuccess(this::serve).onFailure(context::fail);
  }

  private void serve(ServerWebSocket socket) {
    Set<String> seriesIds = new HashSet<>();
    boolean[] anomalies = {false};
    MessageConsumer<JsonObject> anomalyConsumer = vertx.eventBus().<JsonObject>consumer(Addresses.STREAM_ANOMALIES, message -> {
      if (anomalies[0]) {
        send(socket, "anomaly", message.body());
      }
    });
    MessageConsumer<JsonObject> pointConsumer = vertx.eventBus().<JsonObject>consumer(Addresses.STREAM_POINTS, message -> {
      if (seriesIds.contains(message.body().getString("seriesId"))) {
        send(socket, "point", message.body());
      }
    });
    socket.textMessageHandler(text -> {
      JsonObject request;
      try {
        request = new JsonObject(text);
      } catch (DecodeException e) {
        socket.writeTextMessage(error("malformed JSON: " + e.getMessage()));
        return;
      }
      Object topics = request.getValue("subscribe");
      if (!(topics instanceof JsonArray)) {
        socket.writeTextMessage(error("expected {\"subscribe\":[\"anomalies\",\"points:<seriesId>\"]}"));
        return;
      }
      JsonArray accepted = new JsonArray();
      for (Object topic : (JsonArray) topics) {
        if (ANOMALIES.equals(topic)) {
          anomalies[0] = true;
          accepted.add(topic);
        } else if (topic instanceof String && ((String) topic).startsWith(POINTS_PREFIX) && ((String) topic).length() > POINTS_PREFIX.length()) {
          seriesIds.add(((String) topic).substring(POINTS_PREFIX.length()));
          accepted.add(topic);
        } else {
          socket.writeTextMessage(error("unknown subscription " + topic + "; use \"anomalies\" or \"points:<seriesId>\""));
        }
      }
      socket.writeTextMessage(new JsonObject().put("type", "subscribed").put("data", new JsonObject().put("subscriptions", accepted)).encode());
    });
    socket.closeHandler(closed -> {
      anomalyConsumer.unregister();
      pointConsumer.unregister();
    });
  }

  /** Drops the message for a client that does not keep up, rather than queueing without bound. */
  private static void send(ServerWebSocket socket, String type, JsonObject data) {
    if (!socket.writeQueueFull()) {
      socket.writeTextMessage(new JsonObject().put("type", type).put("data", data).encode());
    }
  }

  private static String error(String message) {
    return new JsonObject().put("type", "error").put("data", new JsonObject().put("error", message)).encode();
  }
}
