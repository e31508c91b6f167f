package io.vigil.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigil.config.StreamLimits;
import io.vigil.model.Addresses;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code /api/v1/stream}: a WebSocket on which a client sends {@code {"subscribe":["anomalies",
 * "alerts", "health", "insights", "recommendations", "points:<seriesId>"]}} (or {@code "unsubscribe"}) and then receives
 * {@code {"type":"anomaly"|"alert"|"health"|"insight"|"recommendation"|"point", "data":{...}}} as they happen. Each connection holds its
 * own event-bus consumers, released when it closes. Nothing a client does grows the server's memory
 * without bound: events for a client that does not keep up are dropped, and a client whose write
 * queue is full when a reply is due (it sends but does not read) is closed with 1008.
 */
final class StreamRoute {

  /** Close status for a client that breaks the stream's rules (RFC 6455 section 7.4.1). */
  static final short POLICY_VIOLATION = 1008;
  private static final long CLOSE_GRACE_MILLIS = 1_000;

  private final Vertx vertx;
  private final StreamLimits limits;
  private final long pingIntervalMillis;

  /** {@code idleTimeoutSeconds}: the server's; clients are pinged at half of it so quiet streams stay open (0: no pings). */
  StreamRoute(Vertx vertx, StreamLimits limits, int idleTimeoutSeconds) {
    this.vertx = vertx;
    this.limits = limits;
    this.pingIntervalMillis = idleTimeoutSeconds * 500L;
  }

  void handle(RoutingContext context) {
    context.request().toWebSocket().onSuccess(socket -> serve(socket, context.request().connection())).onFailure(context::fail);
  }

  private void serve(ServerWebSocket socket, HttpConnection connection) {
    StreamSubscriptions subscriptions = new StreamSubscriptions(limits.maxSubscriptions());
    List<MessageConsumer<JsonObject>> consumers = List.of(
        forward(socket, Addresses.STREAM_ANOMALIES, "anomaly", data -> subscriptions.wants(StreamSubscriptions.ANOMALIES)),
        forward(socket, Addresses.STREAM_ALERTS, "alert", data -> subscriptions.wants(StreamSubscriptions.ALERTS)),
        forward(socket, Addresses.STREAM_HEALTH, "health", data -> subscriptions.wants(StreamSubscriptions.HEALTH)),
        forward(socket, Addresses.STREAM_INSIGHTS, "insight", data -> subscriptions.wants(StreamSubscriptions.INSIGHTS)),
        forward(socket, Addresses.STREAM_RECOMMENDATIONS, "recommendation", data -> subscriptions.wants(StreamSubscriptions.RECOMMENDATIONS)),
        forward(socket, Addresses.STREAM_POINTS, "point", data -> subscriptions.wantsSeries(data.getString("seriesId"))));
    socket.textMessageHandler(text -> subscriptions.apply(text).forEach(reply -> reply(socket, connection, reply)));
    // A ping is a write the client's WebSocket answers by itself: an open but quiet stream is not idle.
    long pings = pingIntervalMillis > 0 ? vertx.setPeriodic(pingIntervalMillis, id -> {
      if (!socket.isClosed() && !socket.writeQueueFull()) {
        socket.writePing(Buffer.buffer());
      }
    }) : -1;
    socket.closeHandler(closed -> {
      consumers.forEach(MessageConsumer::unregister);
      vertx.cancelTimer(pings);
    });
  }

  private MessageConsumer<JsonObject> forward(ServerWebSocket socket, String address, String type, Predicate<JsonObject> wanted) {
    return vertx.eventBus().<JsonObject>consumer(address, message -> {
      // Dropped, not queued, for a client that does not keep up; one that never reads is closed by
      // the idle timeout, since none of its writes complete.
      if (wanted.test(message.body()) && !socket.isClosed() && !socket.writeQueueFull()) {
        socket.writeTextMessage(new JsonObject().put("type", type).put("data", message.body()).encode());
      }
    });
  }

  /**
   * Replies are not dropped like events (the client would wait for them), so a client that keeps
   * sending while its replies pile up unread is closed instead.
   */
  private void reply(ServerWebSocket socket, HttpConnection connection, String text) {
    if (socket.isClosed()) {
      return;
    }
    if (socket.writeQueueFull()) {
      // The close frame waits behind the unread replies, so the connection itself is closed after a
      // grace period; meanwhile nothing more is read from it.
      socket.pause();
      socket.close(POLICY_VIOLATION, "replies are not being read");
      vertx.setTimer(CLOSE_GRACE_MILLIS, id -> connection.close());
      return;
    }
    socket.writeTextMessage(text);
  }
}
