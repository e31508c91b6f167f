package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vigil.testing.Eventually;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template first seen after a group's warm-up is an anomaly of its service (detector
 * {@code new-pattern}) and flagged on {@code GET /api/v1/logs/patterns}; a group whose miner reaches
 * its template cap shows on {@code GET /api/v1/sources} and {@code /metrics}.
 */
@ExtendWith(VertxExtension.class)
class NewPatternsTest {

  @TempDir
  Path dataDir;

  private static JsonObject line(String group, Instant at, String message) {
    return new JsonObject().put("logGroup", group).put("logStream", "task-1").put("timestamp", at.toString()).put("message", message);
  }

  @Test
  void aNewPatternAfterTheWarmUpIsAnAnomalyAndASaturatedGroupIsReported(Vertx vertx) {
    try (VigilEngine engine = TestEngines.start(dataDir, "logPatterns.warmupLines=20", "logPatterns.maxTemplatesPerGroup=3")) {
      WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
      Instant now = Instant.now();
      JsonArray batch = new JsonArray();
      for (int i = 0; i < 30; i++) {
        batch.add(line("/ecs/api", now.minusSeconds(60 - i), "INFO GET /orders/" + i + " 200 in " + (i % 7 + 1) + "ms"));
      }
      batch.add(line("/ecs/api", now.minusSeconds(20), "ERROR payment provider returned 502 for order 77"));
      for (int i = 0; i < 6; i++) {
        batch.add(line("/ecs/noisy", now.minusSeconds(10), "shape " + "word ".repeat(i + 1).trim()));
      }
      assertThat(http.post("/api/v1/logs").sendJsonObject(new JsonObject().put("events", batch)).await().statusCode()).isEqualTo(202);

      JsonObject anomaly = Eventually.succeeds(vertx, 120, 250, () -> http.get("/api/v1/anomalies").send().compose(response -> {
        for (Object item : response.bodyAsJsonObject().getJsonArray("anomalies")) {
          JsonObject candidate = (JsonObject) item;
          if ("new-pattern".equals(candidate.getString("detector")) && "/ecs/api".equals(candidate.getJsonObject("dimensions").getString("LogGroup"))) {
            return Future.succeededFuture(candidate);
          }
        }
        return Future.failedFuture("no new-pattern anomaly yet: " + response.bodyAsString());
      })).await();
      assertThat(anomaly.getString("service")).isEqualTo("api");
      assertThat(anomaly.getString("severity")).isEqualTo("warning");

      JsonArray patterns = http.get("/api/v1/logs/patterns").addQueryParam("logGroup", "/ecs/api").send().await().bodyAsJsonObject()
          .getJsonArray("patterns");
      assertThat(patterns.stream().map(item -> (JsonObject) item).filter(item -> item.getBoolean("newPattern")))
          .singleElement().satisfies(item -> assertThat(item.getString("template")).startsWith("ERROR payment provider"));

      JsonObject saturated = Eventually.succeeds(vertx, 120, 250, () -> http.get("/api/v1/sources").send().compose(response -> {
        JsonObject groups = response.bodyAsJsonObject().getJsonObject("logPatterns").getJsonObject("saturatedGroups");
        return groups.containsKey("/ecs/noisy") ? Future.succeededFuture(groups.getJsonObject("/ecs/noisy"))
            : Future.failedFuture("not saturated yet: " + response.bodyAsString());
      })).await();
      assertThat(saturated.getInteger("templates")).isEqualTo(3);
      assertThat(saturated.getLong("overflowLines")).isEqualTo(3);
      String metrics = http.get("/metrics").send().await().bodyAsString();
      assertThat(metrics).contains("vigil_logpatterns_saturated_groups 1.0").contains("vigil_logpatterns_overflow_lines 3.0");
    }
  }
}
