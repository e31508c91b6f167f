package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vigil.model.SeriesKey;
import io.vigil.testing.Eventually;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole path on a real embedded broker: points pushed over HTTP go through Kafka into the
 * detection stage, and the anomaly comes back on the WebSocket and over REST.
 */
@ExtendWith(VertxExtension.class)
class PipelineEndToEndTest {

  private static final long START_MILLIS = Instant.parse("2026-11-29T00:00:00Z").toEpochMilli();
  private static final long STEP_MILLIS = 60_000;
  private static final int ORDINARY_POINTS = 300;

  @RegisterExtension
  static final EngineExtension ENGINE = new EngineExtension();

  /**
   * Held by the test instance while the test runs: a Vert.x client nothing refers to is closed when
   * it is collected, which can cut a handshake in progress.
   */
  private WebSocketClient sockets;

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void pushedSpikeArrivesAsAnAnomalyOnTheWebSocketAndOverRest(Vertx vertx, VertxTestContext test) {
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(ENGINE.httpPort()));
    sockets = vertx.createWebSocketClient();
    long spikeMillis = START_MILLIS + ORDINARY_POINTS * STEP_MILLIS;
    JsonObject dimensions = new JsonObject().put("ClusterName", "prod").put("ServiceName", "checkout");
    String seriesId = SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ClusterName", "prod", "ServiceName", "checkout")).id();
    Checkpoint spikePoint = test.checkpoint();
    Checkpoint spikeAnomaly = test.checkpoint();

    sockets.connect(ENGINE.httpPort(), "127.0.0.1", "/api/v1/stream").onComplete(test.succeeding(socket -> {
      socket.textMessageHandler(text -> {
        JsonObject message = new JsonObject(text);
        if ("point".equals(message.getString("type")) && message.getJsonObject("data").getLong("timestampMillis") == spikeMillis) {
          test.verify(() -> assertThat(message.getJsonObject("data").getString("seriesId")).isEqualTo(seriesId));
          spikePoint.flag();
        } else if ("subscribed".equals(message.getString("type"))) {
          pushSeries(http, dimensions, spikeMillis).onFailure(test::failNow);
        } else if ("anomaly".equals(message.getString("type"))
            && message.getJsonObject("data").getLong("timestampMillis") == spikeMillis) {
          JsonObject anomaly = message.getJsonObject("data");
          test.verify(() -> {
            assertThat(anomaly.getString("service")).isEqualTo("checkout");
            assertThat(anomaly.getDouble("value")).isEqualTo(95.0);
            assertThat(anomaly.getDouble("score")).isBetween(0.0, 1.0);
            assertThat(anomaly.getJsonObject("expected").getDouble("upper")).isLessThan(95.0);
            assertThat(anomaly.getString("namespace")).isEqualTo("AWS/ECS");
            assertThat(anomaly.getJsonObject("dimensions")).isEqualTo(dimensions);
          });
          // The socket is closed here, while the engine answers the close handshake at once: left open,
          // closing the test's Vert.x once took longer than the extension's 30 s (seen once in CI).
          verifyRest(vertx, http, anomaly, test)
              .compose(verified -> socket.close())
              .onComplete(test.succeeding(closed -> spikeAnomaly.flag()));
        }
      });
      socket.writeTextMessage(new JsonObject().put("subscribe", new JsonArray().add("anomalies").add("points:" + seriesId)).encode());
    }));
  }

  /** 300 ordinary points (50 ± 1) and then one spike to 95, in batches of 100. */
  private static Future<Void> pushSeries(WebClient http, JsonObject dimensions, long spikeMillis) {
    SplittableRandom random = new SplittableRandom(7);
    Future<Void> chain = Future.succeededFuture();
    for (int batchStart = 0; batchStart <= ORDINARY_POINTS; batchStart += 100) {
      JsonArray points = new JsonArray();
      for (int i = batchStart; i < Math.min(ORDINARY_POINTS + 1, batchStart + 100); i++) {
        long timestamp = START_MILLIS + i * STEP_MILLIS;
        double value = timestamp == spikeMillis ? 95.0 : 50.0 + random.nextGaussian();
        points.add(new JsonObject()
            .put("namespace", "AWS/ECS")
            .put("metric", "CPUUtilization")
            .put("dimensions", dimensions)
            .put("timestamp", i % 2 == 0 ? Instant.ofEpochMilli(timestamp).toString() : (Object) timestamp)
            .put("value", value)
            .put("unit", "Percent"));
      }
      JsonObject body = new JsonObject().put("points", points);
      chain = chain.compose(ignored -> http.post("/api/v1/metrics").sendJsonObject(body)).map(response -> {
        if (response.statusCode() != 202) {
          throw new AssertionError("push answered " + response.statusCode() + ": " + response.bodyAsString());
        }
        return null;
      });
    }
    return chain;
  }

  private static Future<Void> verifyRest(Vertx vertx, WebClient http, JsonObject anomaly, VertxTestContext test) {
    String seriesId = anomaly.getString("seriesId");
    return Eventually.succeeds(vertx, 50, 200, () -> {
      Future<HttpResponse<Buffer>> anomalies = http.get("/api/v1/anomalies?service=checkout&limit=10").send();
      Future<HttpResponse<Buffer>> points = http.get("/api/v1/series/" + seriesId + "/points?limit=1000").send();
      return Future.all(anomalies, points).map(done -> {
        JsonArray listed = anomalies.result().bodyAsJsonObject().getJsonArray("anomalies");
        assertThat(listed.stream().map(JsonObject.class::cast).map(a -> a.getString("id"))).contains(anomaly.getString("id"));
        JsonArray scored = points.result().bodyAsJsonObject().getJsonArray("points");
        assertThat(scored.size()).isEqualTo(ORDINARY_POINTS + 1);
        JsonObject last = scored.getJsonObject(scored.size() - 1);
        assertThat(last.getLong("timestampMillis")).isEqualTo(anomaly.getLong("timestampMillis"));
        assertThat(last.getDouble("score")).isEqualTo(anomaly.getDouble("score"));
        return null;
      });
    });
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void operationsEndpointsAnswer(Vertx vertx, VertxTestContext test) {
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(ENGINE.httpPort()));
    Future<HttpResponse<Buffer>> health = http.get("/health").send();
    Future<HttpResponse<Buffer>> ready = http.get("/ready").send();
    Future<HttpResponse<Buffer>> metrics = http.get("/metrics").send();
    Future<HttpResponse<Buffer>> openapi = http.get("/openapi.yaml").send();
    Future<HttpResponse<Buffer>> page = http.get("/").send();
    Future<HttpResponse<Buffer>> unknown = http.get("/api/v1/nothing-here").send();
    Future.join(List.of(health, ready, metrics, openapi, page, unknown)).onComplete(test.succeeding(all -> test.verify(() -> {
      assertThat(health.result().statusCode()).isEqualTo(200);
      assertThat(ready.result().statusCode()).isEqualTo(200);
      assertThat(ready.result().bodyAsJsonObject().getString("outcome")).isEqualTo("UP");
      assertThat(metrics.result().bodyAsString()).contains("vigil_ingest_points_accepted_total", "vertx_http_server_requests");
      assertThat(openapi.result().bodyAsString()).startsWith("openapi: 3.1.0");
      assertThat(page.result().bodyAsString()).contains("<title>Vigil</title>");
      assertThat(unknown.result().statusCode()).isEqualTo(404);
      assertThat(unknown.result().bodyAsJsonObject().getString("error")).contains("/api/v1/nothing-here");
      test.completeNow();
    })));
  }
}
