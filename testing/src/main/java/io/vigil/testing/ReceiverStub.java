package io.vigil.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/** A real HTTP receiver on loopback whose paths answer as a test says (status per path, or never) and record every request. */
public final class ReceiverStub {

  /** One request as received. */
  public record Received(String path, String deliveryId, String signature, String body, long atMillis, String host, String timestamp,
      String query, String authorization) {
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  /** A status to answer with, or {@link #NEVER} to leave the request hanging. */
  public static final int NEVER = -1;

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, IntSupplier> answers = new ConcurrentHashMap<>();
  private volatile IntSupplier everyPath;
  private HttpServer server;

  public Future<ReceiverStub> start(Vertx vertx) {
    server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      received.add(new Received(request.path(), request.getHeader("X-Vigil-Delivery"), request.getHeader("X-Vigil-Signature"),
          body.toString(), System.currentTimeMillis(), request.getHeader("Host"), request.getHeader("X-Vigil-Timestamp"),
          request.query(), request.getHeader("Authorization")));
      IntSupplier fallback = everyPath;
      int status = answers.getOrDefault(request.path(), fallback == null ? () -> 200 : fallback).getAsInt();
      if (status != NEVER) {
        request.response().setStatusCode(status).end();
      }
    }));
    return server.listen(0, "127.0.0.1").map(bound -> this);
  }

  public void answer(String path, IntSupplier status) {
    answers.put(path, status);
  }

  /** Answers every path not given its own answer with {@code status}. */
  public void answerAll(IntSupplier status) {
    everyPath = status;
  }

  /** Every request so far, in arrival order. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  public int port() {
    return server.actualPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  public List<Received> at(String path) {
    return received.stream().filter(request -> request.path().equals(path)).toList();
  }
}
