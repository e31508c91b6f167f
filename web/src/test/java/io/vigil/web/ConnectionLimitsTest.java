package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vigil.config.ConnectionLimits;
import io.vigil.config.HttpConfig;
import io.vigil.config.StreamLimits;
import io.vigil.testing.Eventually;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that hold connections without using them, on raw loopback sockets: half a request head,
 * silence after an answer, and more connections from one address than allowed.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ConnectionLimitsTest {

  /** Long enough that a test's own bookkeeping never races it, short enough for the test to wait. */
  private static final long CLOSE_WAIT_MILLIS = 5_000;

  private static HttpConfig limited(ConnectionLimits limits) {
    return new HttpConfig("127.0.0.1", 0, 1 << 20, 10, 10, 300, List.of(), List.of(), limits, StreamLimits.DEFAULTS, 2);
  }

  /** Fails unless {@code connection} is closed by the server within {@link #CLOSE_WAIT_MILLIS}; answers when, in nanoseconds. */
  private static Future<Long> closedSoon(Vertx vertx, RawHttpConnection connection, String why) {
    Promise<Long> closed = Promise.promise();
    long timer = vertx.setTimer(CLOSE_WAIT_MILLIS, id -> closed.tryFail(new AssertionError("still open after " + CLOSE_WAIT_MILLIS + " ms: " + why)));
    connection.closed().onSuccess(at -> {
      vertx.cancelTimer(timer);
      closed.tryComplete(at);
    });
    return closed.future();
  }

  @Test
  void aConnectionThatSendsHalfAHeadIsClosedAfterTheHeaderTimeout(Vertx vertx, VertxTestContext test) {
    TestApi.start(vertx, limited(new ConnectionLimits(60, 300, 256)), new TestApi.EmptyReadModel(), List.of()).compose(port ->
        RawHttpConnection.open(vertx, port).compose(complete -> complete.get("/health").compose(status -> {
          test.verify(() -> assertThat(status).as("a complete request is answered").isEqualTo("HTTP/1.1 200 OK"));
          return RawHttpConnection.open(vertx, port);
        }).compose(slow -> {
          long openedAt = System.nanoTime();
          return slow.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
              .compose(written -> closedSoon(vertx, slow, "half a request head"))
              .map(closedAt -> {
                test.verify(() -> assertThat(TimeUnit.NANOSECONDS.toMillis(closedAt - openedAt)).as("not before the timeout").isGreaterThanOrEqualTo(250));
                return complete;
              });
        }).map(kept -> {
          test.verify(() -> assertThat(kept.isOpen()).as("the connection that finished its request is kept").isTrue());
          return null;
        })))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void aSilentConnectionIsClosedAfterTheIdleTimeout(Vertx vertx, VertxTestContext test) {
    TestApi.start(vertx, limited(new ConnectionLimits(1, 600_000, 256)), new TestApi.EmptyReadModel(), List.of()).compose(port ->
        RawHttpConnection.open(vertx, port).compose(connection -> connection.get("/health").compose(status -> {
          long answeredAt = System.nanoTime();
          return closedSoon(vertx, connection, "idle after an answer").map(closedAt -> {
            test.verify(() -> assertThat(TimeUnit.NANOSECONDS.toMillis(closedAt - answeredAt)).isGreaterThanOrEqualTo(900));
            return null;
          });
        })))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void connectionsOverTheCapFromOneAddressAreClosedAtOnce(Vertx vertx, VertxTestContext test) {
    int cap = 3;
    TestApi.start(vertx, limited(new ConnectionLimits(60, 600_000, cap)), new TestApi.EmptyReadModel(), List.of()).compose(port -> {
      List<RawHttpConnection> kept = new ArrayList<>();
      Future<Void> opened = Future.succeededFuture();
      for (int i = 0; i < cap; i++) {
        // One after another, each answered: the server has counted it before the next opens.
        opened = opened.compose(ignored -> RawHttpConnection.open(vertx, port)).compose(connection -> {
          kept.add(connection);
          return connection.get("/health").mapEmpty();
        });
      }
      return opened
          .compose(ignored -> RawHttpConnection.open(vertx, port))
          .compose(over -> closedSoon(vertx, over, "connection " + (cap + 1) + " from 127.0.0.1"))
          .compose(closed -> Future.all(kept.stream().map(connection -> connection.get("/health")).toList()))
          .compose(answers -> {
            test.verify(() -> answers.<String>list().forEach(status -> assertThat(status).isEqualTo("HTTP/1.1 200 OK")));
            // A closed connection frees its place.
            kept.get(0).write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            return kept.get(0).closed();
          })
          // The server forgets a closed connection on its own event loop, a moment after the client
          // sees the close: a bounded retry waits for that, not for a fixed time.
          .compose(freed -> Eventually.succeeds(vertx, 40, 50, () -> RawHttpConnection.open(vertx, port)
              .compose(connection -> connection.get("/health"))))
          .map(status -> {
            test.verify(() -> assertThat(status).isEqualTo("HTTP/1.1 200 OK"));
            return null;
          });
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void aQuietStreamThatAnswersPingsOutlivesTheIdleTimeout(Vertx vertx, VertxTestContext test) {
    WebSocketClient sockets = vertx.createWebSocketClient();
    TestApi.start(vertx, limited(new ConnectionLimits(1, 600_000, 256)), new TestApi.EmptyReadModel(), List.of())
        .compose(port -> sockets.connect(port, "127.0.0.1", "/api/v1/stream"))
        .onComplete(test.succeeding(socket -> {
          socket.closeHandler(closed -> test.failNow("a stream that answers pings was closed as idle"));
          // Three idle timeouts without a message either way: only the server's pings, and the
          // client's automatic pongs, keep it open.
          vertx.setTimer(3_000, id -> {
            test.verify(() -> assertThat(socket.isClosed()).isFalse());
            // Referring to the client until here keeps it, and the socket, from being collected.
            socket.closeHandler(null);
            sockets.close();
            test.completeNow();
          });
        }));
  }
}
