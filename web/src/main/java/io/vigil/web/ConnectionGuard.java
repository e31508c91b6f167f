package io.vigil.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vigil.config.ConnectionLimits;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes connections that hold the server without using it: one that has not sent a complete
 * request head within {@code headerTimeoutMillis} of opening (slow-header clients; the idle
 * timeout alone does not catch them, as each dribbled byte is activity), and any over
 * {@code maxConnectionsPerAddress} from one remote address. Between requests on a kept-alive
 * connection the next head must arrive within the idle timeout, so dribbling cannot outlast it
 * either. Needs the server's HTTP/1 pipeline to be set up on connect (no h2c sniffing), so that
 * {@link #onConnection} runs before any byte is read. One guard serves every instance of the server,
 * so the per-address cap counts connections on all its event loops; a connection's own entry is
 * touched only on the event loop that serves it.
 */
final class ConnectionGuard {

  private final Vertx vertx;
  private final ConnectionLimits limits;
  private final Map<String, Integer> openByAddress = new ConcurrentHashMap<>();
  private final Map<HttpConnection, Tracked> open = new ConcurrentHashMap<>();

  /** One open connection: requests being answered, and the timer waiting for the next head. */
  private static final class Tracked {
    final String address;
    int inFlight;
    long headTimer = -1;
    boolean upgraded;

    Tracked(String address) {
      this.address = address;
    }
  }

  ConnectionGuard(Vertx vertx, ConnectionLimits limits) {
    this.vertx = vertx;
    this.limits = limits;
  }

  /** For {@code HttpServer.connectionHandler}. */
  void onConnection(HttpConnection connection) {
    Tracked tracked = new Tracked(addressOf(connection.remoteAddress()));
    open.put(connection, tracked);
    connection.closeHandler(closed -> forget(connection));
    if (openByAddress.merge(tracked.address, 1, Integer::sum) > limits.maxConnectionsPerAddress()) {
      connection.close();
      return;
    }
    awaitHead(connection, tracked, limits.headerTimeoutMillis());
  }

  /** The first route handler: the head has arrived; the wait for the next starts when this answer ends. */
  void onRequest(RoutingContext context) {
    HttpConnection connection = context.request().connection();
    Tracked tracked = open.get(connection);
    if (tracked != null) {
      vertx.cancelTimer(tracked.headTimer);
      tracked.inFlight++;
      // After an upgrade the connection carries WebSocket frames, not requests: only the idle timeout applies.
      tracked.upgraded |= "websocket".equalsIgnoreCase(context.request().getHeader(HttpHeaders.UPGRADE));
      context.addEndHandler(ended -> {
        tracked.inFlight--;
        if (tracked.inFlight == 0 && !tracked.upgraded && open.containsKey(connection)) {
          awaitHead(connection, tracked, betweenRequestsMillis());
        }
      });
    }
    context.next();
  }

  private long betweenRequestsMillis() {
    return Math.max(limits.headerTimeoutMillis(), limits.idleTimeoutSeconds() * 1000L);
  }

  private void awaitHead(HttpConnection connection, Tracked tracked, long millis) {
    tracked.headTimer = vertx.setTimer(millis, id -> {
      if (tracked.inFlight == 0 && !tracked.upgraded) {
        connection.close();
      }
    });
  }

  private void forget(HttpConnection connection) {
    Tracked tracked = open.remove(connection);
    if (tracked != null) {
      vertx.cancelTimer(tracked.headTimer);
      openByAddress.computeIfPresent(tracked.address, (address, count) -> count > 1 ? count - 1 : null);
    }
  }

  static String addressOf(SocketAddress remote) {
    if (remote == null) {
      return "unknown";
    }
    return remote.hostAddress() != null ? remote.hostAddress() : String.valueOf(remote.host());
  }
}
