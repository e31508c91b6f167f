package io.vigil.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;

/**
 * One stream connection as the {@link StreamHub} sees it: somewhere to write events and replies,
 * closed once (with a status saying why) when it does not keep up, never buffered without bound.
 * Writes may come from any thread; Vert.x hands them to the connection's event loop.
 */
final class StreamClient {

  /** Close status for a client that breaks the stream's rules (RFC 6455 section 7.4.1). */
  static final short POLICY_VIOLATION = 1008;
  /** Close status for a client too slow for its events: reconnect and refetch (IANA "Try Again Later"). */
  static final short TRY_AGAIN_LATER = 1013;
  private static final long CLOSE_GRACE_MILLIS = 1_000;

  private final Vertx vertx;
  private final ServerWebSocket socket;
  private final HttpConnection connection;
  private final StreamMeters meters;
  private volatile boolean closing;

  StreamClient(Vertx vertx, ServerWebSocket socket, HttpConnection connection, StreamMeters meters) {
    this.vertx = vertx;
    this.socket = socket;
    this.connection = connection;
    this.meters = meters;
  }

  /**
   * An event: written, or, when the client's write queue is full, the client is closed with 1013.
   * Neither queued without bound nor dropped in silence: a dashboard that missed a point would draw
   * a gap it cannot know about, while one that is closed reconnects and refetches.
   */
  void event(String text) {
    if (write(text) == Written.QUEUE_FULL && close(TRY_AGAIN_LATER, "too slow for its events: reconnect and refetch")) {
      meters.closedForEvents.increment();
    }
  }

  /**
   * A reply to the client's own message: replies are not dropped (the client waits for them), so a
   * client that keeps sending while its replies pile up unread is closed with 1008.
   */
  void reply(String text) {
    if (write(text) == Written.QUEUE_FULL && close(POLICY_VIOLATION, "replies are not being read")) {
      meters.closedForReplies.increment();
    }
  }

  boolean isOpen() {
    return !closing && !socket.isClosed();
  }

  private enum Written { YES, CLOSED, QUEUE_FULL }

  private Written write(String text) {
    if (!isOpen()) {
      return Written.CLOSED;
    }
    if (socket.writeQueueFull()) {
      return Written.QUEUE_FULL;
    }
    socket.writeTextMessage(text);
    return Written.YES;
  }

  /**
   * The close frame waits behind the unread writes, so the connection itself is closed after a
   * grace period; meanwhile nothing more is read from it. Answers whether this call closed it.
   */
  private synchronized boolean close(short status, String reason) {
    if (closing) {
      return false;
    }
    closing = true;
    socket.pause();
    socket.close(status, reason);
    vertx.setTimer(CLOSE_GRACE_MILLIS, id -> connection.close());
    return true;
  }
}
