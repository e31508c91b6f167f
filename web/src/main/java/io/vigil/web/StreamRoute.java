package io.vigil.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import io.vigil.config.StreamLimits;

/**
 * {@code /api/v1/stream}: a WebSocket on which a client sends {@code {"subscribe":["anomalies",
 * "alerts", "health", "insights", "recommendations", "deployments", "points:<seriesId>"]}} (or {@code "unsubscribe"}) and then receives
 * {@code {"type":"anomaly"|"alert"|"health"|"insight"|"recommendation"|"deployment"|"point", "data":{...}}} as they happen, fanned out by
 * one {@link StreamHub} for all connections. Nothing a client does grows the server's memory
 * without bound: a client whose write queue is full when an event is due (it does not keep up) is
 * closed with 1013 rather than sent a stream with holes in it, so it reconnects and refetches what
 * it missed; one whose queue is full when a reply is due (it sends but does not read) is closed
 * with 1008 (see {@link StreamClient}).
 */
final class StreamRoute {

  private final Vertx vertx;
  private final StreamLimits limits;
  private final long pingIntervalMillis;
  private final StreamHub hub;
  private final StreamMeters meters;

  /** {@code idleTimeoutSeconds}: the server's; clients are pinged at half of it so quiet streams stay open (0: no pings). */
  StreamRoute(Vertx vertx, StreamLimits limits, int idleTimeoutSeconds, StreamMeters meters, StreamInterest interest) {
    this.vertx = vertx;
    this.limits = limits;
    this.pingIntervalMillis = idleTimeoutSeconds * 500L;
    this.hub = new StreamHub(vertx, interest);
    this.meters = meters;
  }

  void handle(RoutingContext context) {
    context.request().toWebSocket().onSuccess(socket -> serve(socket, new StreamClient(vertx, socket, context.request().connection(), meters)))
        .onFailure(context::fail);
  }

  private void serve(ServerWebSocket socket, StreamClient client) {
    meters.connected.incrementAndGet();
    StreamSubscriptions subscriptions = new StreamSubscriptions(limits.maxSubscriptions(), new StreamSubscriptions.Listener() {
      @Override
      public void subscribed(String item) {
        hub.subscribe(item, client);
      }

      @Override
      public void unsubscribed(String item) {
        hub.unsubscribe(item, client);
      }
    });
    socket.textMessageHandler(text -> subscriptions.apply(text).forEach(client::reply));
    // A ping is a write the client's WebSocket answers by itself: an open but quiet stream is not idle.
    long pings = pingIntervalMillis > 0 ? vertx.setPeriodic(pingIntervalMillis, id -> {
      if (client.isOpen() && !socket.writeQueueFull()) {
        socket.writePing(Buffer.buffer());
      }
    }) : -1;
    socket.closeHandler(closed -> {
      meters.connected.decrementAndGet();
      subscriptions.items().forEach(item -> hub.unsubscribe(item, client));
      vertx.cancelTimer(pings);
    });
  }
}
