package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vigil.config.ConnectionLimits;
import io.vigil.config.HttpConfig;
import io.vigil.config.StreamLimits;
import io.vigil.model.Addresses;
import io.vigil.testing.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/v1/stream} against clients that ask too much: many bad items in one message, more
 * subscriptions than allowed, an oversized message, a client that sends without ever reading, and one
 * that does not read its events.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class StreamLimitsTest {

  /** Held by the test: Vert.x closes a client nothing refers to, and its connections with it. */
  private WebSocketClient sockets;

  private static HttpConfig limited(StreamLimits limits) {
    return new HttpConfig("127.0.0.1", 0, 1 << 20, 10, 10, 300, List.of(), List.of(), ConnectionLimits.DEFAULTS, limits, 2);
  }

  /** A subscribe message naming {@code count} unknown items of about 100 characters each. */
  private static String unknownItems(int count) {
    JsonArray items = new JsonArray();
    for (int i = 0; i < count; i++) {
      items.add(String.format("nope-%04d-", i) + "x".repeat(90));
    }
    return new JsonObject().put("subscribe", items).encode();
  }

  @Test
  void oneErrorPerMessageAndNoMoreSubscriptionsThanTheCap(Vertx vertx, VertxTestContext test) {
    List<JsonObject> replies = new ArrayList<>();
    TestApi.start(vertx, limited(new StreamLimits(3, 65_536)), new TestApi.EmptyReadModel(), List.of())
        .compose(port -> {
          sockets = vertx.createWebSocketClient();
          return sockets.connect(port, "127.0.0.1", "/api/v1/stream");
        })
        .onComplete(test.succeeding(socket -> {
          socket.textMessageHandler(text -> {
            replies.add(new JsonObject(text));
            // The reply to the second message ends the exchange: whatever came before it answered the first.
            if (replies.get(replies.size() - 1).getJsonObject("data").getJsonArray("subscriptions", new JsonArray()).contains("alerts")) {
              test.verify(() -> {
                assertThat(replies).as("one error and one subscribed for the first message, then the second's").hasSize(3);
                JsonObject error = replies.get(0).getJsonObject("data");
                assertThat(replies.get(0).getString("type")).isEqualTo("error");
                assertThat(error.getJsonArray("details")).hasSize(StreamSubscriptions.MAX_REPORTED);
                assertThat(error.getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("subscribe[4]");
                assertThat(error.getJsonArray("details").getJsonObject(0).getString("message")).contains("limit of 3");
                assertThat(error.getJsonArray("details").getJsonObject(1).getString("message")).contains("unknown subscription");
                assertThat(error.getInteger("refused")).as("the fourth subscription and 40 unknown items").isEqualTo(41);
                assertThat(replies.get(1).getJsonObject("data").getJsonArray("subscriptions"))
                    .containsExactly("anomalies", "points:a", "points:b");
                assertThat(replies.get(2).getJsonObject("data").getJsonArray("subscriptions")).containsExactly("alerts");
              });
              test.completeNow();
            }
          });
          JsonArray first = new JsonArray().add("anomalies").add("points:a").add("points:b").add("points:a").add("points:c");
          new JsonObject(unknownItems(40)).getJsonArray("subscribe").forEach(first::add);
          socket.writeTextMessage(new JsonObject().put("subscribe", first).encode());
          // Unsubscribing frees a place for the next.
          socket.writeTextMessage(new JsonObject().put("unsubscribe", new JsonArray().add("points:b")).put("subscribe", new JsonArray().add("alerts")).encode());
        }));
  }

  @Test
  void aMessageOverTheSizeLimitClosesTheConnectionUnanswered(Vertx vertx, VertxTestContext test) {
    TestApi.start(vertx, limited(new StreamLimits(100, 2048)), new TestApi.EmptyReadModel(), List.of())
        .compose(port -> {
          sockets = vertx.createWebSocketClient();
          return sockets.connect(port, "127.0.0.1", "/api/v1/stream");
        })
        .onComplete(test.succeeding(socket -> {
          socket.closeHandler(closed -> {
            // 1009 if the close frame overtakes the TCP close, 1006 (none seen) if not.
            test.verify(() -> assertThat(socket.closeStatusCode()).isIn((short) 1009, (short) 1006));
            test.completeNow();
          });
          socket.textMessageHandler(text -> test.failNow("answered a message over the limit: " + text));
          socket.writeTextMessage(unknownItems(40));
        }));
  }

  @Test
  void aClientThatSendsButNeverReadsIsClosedAndTheServerStaysResponsive(Vertx vertx, VertxTestContext test) {
    int maxMessages = 50_000;
    TestApi.start(vertx, limited(StreamLimits.DEFAULTS), new TestApi.EmptyReadModel(), List.of())
        .compose(port -> vertx.executeBlocking(() -> sendWithoutReading(port, unknownItems(StreamSubscriptions.MAX_REPORTED + 1), maxMessages))
            .compose(sent -> {
              test.verify(() -> assertThat(sent).as("messages sent before the server closed the connection").isLessThan(maxMessages));
              return TestApi.client(vertx, port).get("/health").send();
            }))
        .onComplete(test.succeeding(health -> {
          test.verify(() -> assertThat(health.statusCode()).isEqualTo(200));
          test.completeNow();
        }));
  }

  @Test
  void aClientThatDoesNotReadItsEventsIsClosedInsteadOfBuffered(Vertx vertx, VertxTestContext test) {
    int events = 2_000;
    String padding = "x".repeat(8_000);
    TestApi.start(vertx, limited(StreamLimits.DEFAULTS), new TestApi.EmptyReadModel(), List.of())
        .compose(port -> vertx.executeBlocking(() -> {
          try (Socket socket = open(port)) {
            OutputStream out = socket.getOutputStream();
            // Padded past 125 bytes: the frame helper writes the 16-bit length, which a shorter payload must not use.
            String subscribe = "{\"subscribe\":[\"points:slow\"]" + " ".repeat(130) + "}";
            out.write(maskedTextFrame(subscribe.getBytes(StandardCharsets.UTF_8)));
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            while (seen.indexOf("subscribed") < 0) {
              int b = in.read();
              if (b < 0) {
                throw new IOException("closed before the subscription was confirmed");
              }
              seen.append((char) b);
            }
            // Nothing is read until the server says it closed the client; then whatever arrives
            // until the end of the stream is counted. A server that queued every event would send all.
            for (int i = 0; i < events; i++) {
              vertx.eventBus().publish(Addresses.STREAM_POINTS, new JsonObject().put("seriesId", "slow").put("pad", padding));
            }
            Eventually.succeeds(vertx, 300, 100, () -> TestApi.client(vertx, port).get("/metrics").send().map(metrics -> {
              assertThat(metrics.bodyAsString()).contains("vigil_stream_clients_closed_total{reason=\"slow-events\"} 1.0");
              return null;
            })).toCompletionStage().toCompletableFuture().get();
            long read = 0;
            byte[] buffer = new byte[65_536];
            try {
              for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                read += n;
              }
            } catch (java.net.SocketException reset) {
              // closed without reading what the client had not taken: as good as the end of the stream
            }
            return read;
          }
        }))
        .onComplete(test.succeeding(read -> {
          test.verify(() -> assertThat(read).as("bytes the client got before the end of the stream").isLessThan((long) events * padding.length() / 2));
          test.completeNow();
        }));
  }

  /** A stream connection on a blocking socket with a small receive buffer, past the handshake. */
  private static Socket open(int port) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.setSoTimeout(20_000);
    socket.connect(new InetSocketAddress("127.0.0.1", port));
    socket.getOutputStream().write(("GET /api/v1/stream HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    readHead(socket.getInputStream());
    return socket;
  }

  /**
   * Opens the stream on a blocking socket with a small receive buffer, reads the handshake's answer
   * and nothing after, and sends {@code message} until the server closes the connection or
   * {@code max} messages went out; answers how many did.
   */
  private static int sendWithoutReading(int port, String message, int max) throws IOException {
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.setSoTimeout(10_000);
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      OutputStream out = socket.getOutputStream();
      out.write(("GET /api/v1/stream HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      readHead(socket.getInputStream());
      byte[] frame = maskedTextFrame(message.getBytes(StandardCharsets.UTF_8));
      int sent = 0;
      try {
        while (sent < max) {
          out.write(frame);
          sent++;
        }
      } catch (IOException closedByServer) {
        return sent;
      }
      return sent;
    }
  }

  private static void readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the handshake: " + head);
      }
      head.append((char) b);
    }
    if (!head.toString().startsWith("HTTP/1.1 101")) {
      throw new IOException("handshake refused: " + head);
    }
  }

  /** A client frame (RFC 6455 section 5.2): FIN and text, the mask bit, a 16-bit length, a mask key. */
  private static byte[] maskedTextFrame(byte[] payload) {
    byte[] mask = {0x12, 0x34, 0x56, 0x78};
    byte[] frame = new byte[8 + payload.length];
    frame[0] = (byte) 0x81;
    frame[1] = (byte) (0x80 | 126);
    frame[2] = (byte) (payload.length >>> 8);
    frame[3] = (byte) payload.length;
    System.arraycopy(mask, 0, frame, 4, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[8 + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    return frame;
  }
}
