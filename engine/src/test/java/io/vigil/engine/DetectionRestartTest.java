package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vigil.model.Anomaly;
import io.vigil.model.SeriesKey;
import io.vigil.testing.Eventually;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detector state survives a restart: a series learned before the restart flags a spike right after
 * it. A detector that started afresh would still be warming up and score the spike 0.
 */
class DetectionRestartTest {

  private static final long START_MILLIS = Instant.parse("2026-11-27T00:00:00Z").toEpochMilli();
  private static final long STEP_MILLIS = 60_000;
  private static final SeriesKey SERIES = SeriesKey.of("AWS/ECS", "MemoryUtilization", Map.of("ServiceName", "restart"));

  @TempDir
  Path dataDir;

  @Test
  void restoredDetectorFlagsTheFirstSpikeAfterRestart() {
    try (VigilEngine first = TestEngines.start(dataDir)) {
      Vertx vertx = first.vertx();
      WebClient http = client(vertx, first);
      push(http, 0, 300, -1).await();
      Eventually.succeeds(vertx, 150, 200, () -> http.get("/api/v1/series/" + SERIES.id() + "/points?limit=1000").send().map(response -> {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getJsonArray("points")).hasSize(300);
        return null;
      })).await();
    }
    try (VigilEngine second = TestEngines.start(dataDir)) {
      Vertx vertx = second.vertx();
      WebClient http = client(vertx, second);
      push(http, 300, 301, 300).await();
      String spikeId = Anomaly.idFor(SERIES.id(), START_MILLIS + 300 * STEP_MILLIS);
      Eventually.succeeds(vertx, 150, 200, () -> http.get("/api/v1/anomalies?service=restart&limit=100").send().map(response -> {
        JsonArray anomalies = response.bodyAsJsonObject().getJsonArray("anomalies");
        assertThat(anomalies.stream().map(JsonObject.class::cast).map(a -> a.getString("id"))).contains(spikeId);
        return null;
      })).await();
    }
  }

  private static WebClient client(Vertx vertx, VigilEngine engine) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
  }

  private static Future<Void> push(WebClient http, int from, int to, int spikeIndex) {
    SplittableRandom random = new SplittableRandom(11);
    JsonArray points = new JsonArray();
    for (int i = 0; i < to; i++) {
      double value = i == spikeIndex ? 97.0 : 40 + random.nextGaussian();
      if (i >= from) {
        points.add(new JsonObject().put("namespace", SERIES.namespace()).put("metric", SERIES.metric())
            .put("dimensions", new JsonObject().put("ServiceName", "restart"))
            .put("timestamp", START_MILLIS + i * STEP_MILLIS).put("value", value));
      }
    }
    return http.post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", points)).map(response -> {
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
      return null;
    });
  }
}
