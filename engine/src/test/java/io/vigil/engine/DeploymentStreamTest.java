package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A deployment announced over the API arrives on the WebSocket's {@code deployments} subscription, as a summary. */
@ExtendWith(VertxExtension.class)
class DeploymentStreamTest {

  @RegisterExtension
  static final EngineExtension ENGINE = new EngineExtension("deployments.checkpointIntervalSeconds=1");

  /**
   * Held by the test instance while the test runs: a Vert.x client nothing refers to is closed when
   * it is collected, which can cut a handshake in progress.
   */
  private WebSocketClient sockets;

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void anAnnouncedDeploymentArrivesOnTheStream(Vertx vertx, VertxTestContext test) {
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(ENGINE.httpPort()));
    sockets = vertx.createWebSocketClient();
    Checkpoint arrived = test.checkpoint();
    sockets.connect(ENGINE.httpPort(), "127.0.0.1", "/api/v1/stream").onComplete(test.succeeding(socket -> {
      socket.textMessageHandler(text -> {
        JsonObject message = new JsonObject(text);
        if ("subscribed".equals(message.getString("type"))) {
          http.post("/api/v1/deployments").sendJsonObject(new JsonObject().put("id", "streamed-1").put("service", "cart").put("version", "cart:3"))
              .onFailure(test::failNow);
        } else if ("deployment".equals(message.getString("type")) && "streamed-1".equals(message.getJsonObject("data").getString("id"))) {
          JsonObject deployment = message.getJsonObject("data");
          test.verify(() -> {
            assertThat(deployment.getString("service")).isEqualTo("cart");
            assertThat(deployment.getString("version")).isEqualTo("cart:3");
            assertThat(deployment.getString("status")).isEqualTo("deploying");
            assertThat(deployment.containsKey("events")).isFalse();
          });
          socket.close().onComplete(test.succeeding(closed -> arrived.flag()));
        }
      });
      socket.writeTextMessage(new JsonObject().put("subscribe", new JsonArray().add("deployments")).encode());
    }));
  }
}
