package io.vigil.web;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;

/**
 * One TCP connection to the API on loopback, written by hand: for clients no HTTP library would be,
 * such as one that sends half a request head and stops. Records when the server closes it.
 */
final class RawHttpConnection {

  /** Held: Vert.x closes a client nothing refers to, and its sockets with it. */
  private final NetClient client;
  private final NetSocket socket;
  private final Promise<Long> closedAt = Promise.promise();
  private final StringBuilder received = new StringBuilder();
  private Promise<String> nextResponse;

  private RawHttpConnection(NetClient client, NetSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.handler(this::onData);
    socket.closeHandler(closed -> {
      closedAt.tryComplete(System.nanoTime());
      if (nextResponse != null) {
        nextResponse.tryFail("closed by the server before answering");
      }
    });
  }

  static Future<RawHttpConnection> open(Vertx vertx, int port) {
    NetClient client = vertx.createNetClient();
    return client.connect(port, "127.0.0.1").map(socket -> new RawHttpConnection(client, socket));
  }

  /** Completes, with {@link System#nanoTime()}, when the server has closed the connection. */
  Future<Long> closed() {
    return closedAt.future();
  }

  boolean isOpen() {
    return !closedAt.future().isComplete();
  }

  Future<Void> write(String text) {
    return socket.write(Buffer.buffer(text, StandardCharsets.US_ASCII.name()));
  }

  /** Sends a complete {@code GET path} and answers the response's status line. */
  Future<String> get(String path) {
    if (!isOpen()) {
      return Future.failedFuture("closed by the server");
    }
    nextResponse = Promise.promise();
    received.setLength(0);
    return write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").compose(sent -> nextResponse.future());
  }

  private void onData(Buffer data) {
    received.append(data.toString(StandardCharsets.ISO_8859_1));
    int headEnd = received.indexOf("\r\n\r\n");
    if (nextResponse == null || headEnd < 0) {
      return;
    }
    String head = received.substring(0, headEnd);
    int length = 0;
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    if (received.length() >= headEnd + 4 + length) {
      Promise<String> answered = nextResponse;
      nextResponse = null;
      answered.complete(head.substring(0, head.indexOf("\r\n") < 0 ? head.length() : head.indexOf("\r\n")));
    }
  }
}
