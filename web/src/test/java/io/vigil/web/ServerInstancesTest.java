package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The server on several event loops: one port, connections dealt to every loop, one route table. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ServerInstancesTest {

  /** Answers with the thread that serves the request: each server instance has an event loop of its own. */
  private static final ApiExtension WHICH_LOOP = (router, vertx) ->
      router.get("/api/v1/loop").handler(context -> context.response().end(Thread.currentThread().getName()));

  @Test
  void connectionsOnTheOnePortAreServedByEveryEventLoop(Vertx vertx) {
    // Connections go to the instances in turn: nine in a row reach all three.
    assertThat(loopsServing(vertx, 3, 9)).hasSize(3).allSatisfy(name -> assertThat(name).startsWith("vert.x-eventloop-thread-"));
  }

  @Test
  void oneEventLoopIsOneServer(Vertx vertx) {
    assertThat(loopsServing(vertx, 1, 4)).hasSize(1);
  }

  /** The threads that answered {@code requests} requests, each on a connection of its own, to a server on {@code eventLoops} loops. */
  private static Set<String> loopsServing(Vertx vertx, int eventLoops, int requests) {
    int port = TestApi.start(vertx, TestApi.loopback().withEventLoops(eventLoops), new TestApi.EmptyReadModel(), List.of(WHICH_LOOP)).await();
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(false));
    Set<String> loops = new TreeSet<>();
    for (int request = 0; request < requests; request++) {
      var answer = http.get("/api/v1/loop").send().await();
      assertThat(answer.statusCode()).isEqualTo(200);
      loops.add(answer.bodyAsString());
    }
    return loops;
  }
}
