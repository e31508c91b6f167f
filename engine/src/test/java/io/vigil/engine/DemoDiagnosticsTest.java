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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the demo running, a user sees a diagnosis as soon as the backfill is read: the worker's
 * kill for memory (its own log line and ECS's service event) is {@code memory-kill}, first, with
 * its evidence and steps. The clock is set ten minutes after a kill, as in {@link DemoRecommendationsTest}.
 */
@ExtendWith(VertxExtension.class)
class DemoDiagnosticsTest {

  @TempDir
  Path dataDir;

  @Test
  void theDemosKillForMemoryIsDiagnosedWithinTheBackfill(Vertx vertx) {
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), DemoRecommendationsTest.afterAMemoryKill()));
    try (VigilEngine engine = VigilEngine.start(TestEngines.config(dataDir, "demo.enabled=true", "demo.intervalSeconds=30",
        "demo.backfillMinutes=60", "alerting.enabled=false", "recommendations.enabled=false"), clock)) {
      WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
      JsonObject worker = Eventually.succeeds(vertx, 150, 200, () -> http.get("/api/v1/diagnostics/worker").send().compose(response -> {
        JsonArray diagnoses = response.bodyAsJsonObject().getJsonArray("diagnoses");
        return diagnoses.isEmpty() ? Future.failedFuture("no diagnosis for worker yet") : Future.succeededFuture(diagnoses.getJsonObject(0));
      })).await();
      assertThat(worker.getString("signature")).isEqualTo("memory-kill");
      assertThat(worker.getString("severity")).isEqualTo("critical");
      assertThat(worker.getJsonArray("evidence").getJsonObject(0).getString("text")).containsAnyOf("Exit Code 137", "OutOfMemoryError");
      assertThat(worker.getJsonArray("steps").getString(0)).contains("/api/v1/recommendations?service=worker");
    }
  }
}
