package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vigil.ingest.demo.DemoWorkload;
import io.vigil.testing.Eventually;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the demo running, the recommendations API shows its worker (2048 MiB, killed for memory at
 * the end of a memory leak) needing more memory, with the kill in its evidence and the monthly cost
 * of the increase, and a dry-run apply shows the task-definition change. The engine's clock is set
 * to ten minutes after a memory leak's kill (the demo's incidents are a function of the seed and
 * the clock), so the hour of backfill always holds one.
 */
@ExtendWith(VertxExtension.class)
class DemoRecommendationsTest {

  @TempDir
  Path dataDir;

  /** Ten minutes after the first kill for memory from 2026-12-01 on, in the demo with seed 42. */
  static Instant afterAMemoryKill() {
    DemoWorkload workload = new DemoWorkload(42, 30_000);
    long from = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    for (long t = from; ; t += 40 * 60_000L) {
      DemoWorkload.ScheduledIncident incident = workload.incidentAt(t);
      if (incident.kind() == DemoWorkload.Incident.MEMORY_LEAK) {
        return Instant.ofEpochMilli(incident.startMillis() + incident.durationMillis()).plus(Duration.ofMinutes(10));
      }
    }
  }

  @Test
  void theDemosWorkerKilledForMemoryGetsAnIncreaseWithEvidenceCostAndADryRun(Vertx vertx) {
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), afterAMemoryKill()));
    try (VigilEngine engine = VigilEngine.start(TestEngines.config(dataDir, "demo.enabled=true", "demo.intervalSeconds=30",
        "demo.backfillMinutes=60", "alerting.enabled=false", "recommendations.evaluateIntervalSeconds=1",
        "recommendations.checkpointIntervalSeconds=1"), clock)) {
      WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
      JsonObject worker = Eventually.succeeds(vertx, 150, 200, () -> http.get("/api/v1/recommendations?service=worker").send().compose(response -> {
        JsonArray items = response.bodyAsJsonObject().getJsonArray("recommendations");
        for (int i = 0; i < items.size(); i++) {
          JsonObject item = items.getJsonObject(i);
          if ("rightsize".equals(item.getString("kind")) && item.getJsonObject("recommended").getInteger("memoryMiB") > 2048) {
            return Future.succeededFuture(item);
          }
        }
        return Future.failedFuture("no memory increase for worker yet: " + items.encode());
      })).await();
      assertThat(worker.getString("finding")).isEqualTo("Underprovisioned");
      assertThat(worker.getJsonArray("reasons").stream().toList()).contains("KilledForMemory", "MemoryUnderprovisioned");
      assertThat(worker.getJsonObject("current").getInteger("memoryMiB")).isEqualTo(2048);
      assertThat(worker.getJsonObject("recommended").getInteger("memoryMiB")).isEqualTo(3072);
      assertThat(worker.getDouble("monthlyCostDelta")).isEqualTo(3.24);
      assertThat(worker.getString("risk")).isEqualTo("High");
      assertThat(worker.getInteger("priority")).isEqualTo(1);

      String id = worker.getString("id");
      JsonObject full = http.get("/api/v1/recommendations/" + id).send().await().bodyAsJsonObject();
      JsonObject evidence = full.getJsonObject("evidence");
      assertThat(evidence.getJsonArray("kills")).isNotEmpty();
      assertThat(evidence.getJsonArray("kills").getJsonObject(0).getString("detail")).containsAnyOf("Exit Code 137", "OutOfMemoryError");
      assertThat(evidence.getJsonObject("memory").getDouble("peak")).isGreaterThan(1900.0);

      JsonObject plan = http.post("/api/v1/recommendations/" + id + "/apply").sendJsonObject(new JsonObject().put("dryRun", true)).await()
          .bodyAsJsonObject();
      assertThat(plan.getBoolean("dryRun")).isTrue();
      assertThat(plan.getJsonArray("diff").getJsonObject(0).getMap()).containsEntry("path", "memory").containsEntry("from", "2048").containsEntry("to", "3072");
      assertThat(plan.getBoolean("applicable")).isFalse();
      int refused = http.post("/api/v1/recommendations/" + id + "/apply").sendJsonObject(new JsonObject().put("dryRun", false)).await().statusCode();
      assertThat(refused).isEqualTo(409);
    }
  }
}
