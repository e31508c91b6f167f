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
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service whose memory climbs past 90% falls below 90 with memory saturation (and its rise) as its top reason,
 * while a quiet service pushed alongside stays healthy; after a restart the engine is ready only
 * once the health view has read its history back, and the health stage, restored from its
 * checkpoints, publishes the same score anew.
 */
@ExtendWith(VertxExtension.class)
class HealthScoreTest {

  @TempDir
  Path dataDir;

  private static final String[] SETTINGS = {"health.checkpointIntervalSeconds=1"};

  private static WebClient http(Vertx vertx, VigilEngine engine) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
  }

  private static JsonObject point(String service, String metric, Instant at, double value) {
    return new JsonObject().put("namespace", "AWS/ECS").put("metric", metric)
        .put("dimensions", new JsonObject().put("ClusterName", "test").put("ServiceName", service))
        .put("timestamp", at.toString()).put("value", value).put("unit", "Percent");
  }

  /** Half an hour of steady memory for leaky and CPU for steady, then leaky's memory climbs to 96%. */
  private static void pushIncident(Vertx vertx, VigilEngine engine) {
    Instant now = Instant.now();
    JsonArray batch = new JsonArray();
    for (int minute = 30; minute >= 1; minute--) {
      Instant at = now.minusSeconds(minute * 60L);
      double leaky = minute > 6 ? 40 + (minute % 3) : 96 - minute;
      batch.add(point("leaky", "MemoryUtilization", at, leaky));
      batch.add(point("steady", "CPUUtilization", at, 20 + (minute % 3)));
    }
    int status = http(vertx, engine).post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", batch)).await().statusCode();
    assertThat(status).isEqualTo(202);
  }

  private static JsonObject healthOf(Vertx vertx, VigilEngine engine, String service, Predicate<JsonObject> until) {
    return Eventually.succeeds(vertx, 150, 200, () -> http(vertx, engine).get("/api/v1/health/" + service).send().compose(response -> {
      if (response.statusCode() != 200) {
        return Future.failedFuture("no health for " + service + " yet: " + response.statusCode());
      }
      JsonObject health = response.bodyAsJsonObject();
      return until.test(health) ? Future.succeededFuture(health) : Future.failedFuture("not yet: " + health.encode());
    })).await();
  }

  @Test
  void memorySaturationBringsTheScoreDownAndARestartKeepsIt(Vertx vertx) {
    long restartedAt;
    int scoreBefore;
    try (VigilEngine engine = TestEngines.start(dataDir, SETTINGS)) {
      pushIncident(vertx, engine);
      JsonObject leaky = healthOf(vertx, engine, "leaky", health -> health.getInteger("score") != null && health.getInteger("score") < 90);
      scoreBefore = leaky.getInteger("score");
      assertThat(leaky.getString("status")).isIn("degraded", "unhealthy");
      assertThat(leaky.getString("topReason")).startsWith("memory at 9");
      JsonObject top = leaky.getJsonArray("components").getJsonObject(0);
      assertThat(top.getString("kind")).isEqualTo("saturation");
      // Serious saturation (30), and rising towards 100% soon enough that the leak takes what a kill
      // would (40): at 95% and rising, full in minutes, not at the edge of the 30-minute window.
      assertThat(top.getDouble("deduction")).as(top.encode()).isEqualTo(70.0);
      assertThat(top.getString("reason")).contains("memory rising");
      assertThat(top.getJsonArray("evidence").getJsonObject(0).getString("seriesId")).startsWith("s-");

      JsonObject steady = healthOf(vertx, engine, "steady", health -> health.getInteger("score") != null);
      assertThat(steady.getInteger("score")).as(steady.encode()).isGreaterThanOrEqualTo(90);
      assertThat(steady.getString("status")).isEqualTo("healthy");

      JsonObject list = http(vertx, engine).get("/api/v1/health").send().await().bodyAsJsonObject();
      JsonArray services = list.getJsonArray("services");
      assertThat(services.getJsonObject(0).getString("service")).as("worst first").isEqualTo("leaky");
      assertThat(services.getJsonObject(0).getJsonArray("sparkline")).isNotEmpty();
      assertThat(services.getJsonObject(0).containsKey("components")).as("the list is a summary").isFalse();

      JsonObject unknown = http(vertx, engine).get("/api/v1/health/no-such-service").send()
          .map(response -> {
            assertThat(response.statusCode()).isEqualTo(404);
            return response.bodyAsJsonObject();
          }).await();
      assertThat(unknown.getString("error")).contains("no-such-service");
      restartedAt = System.currentTimeMillis();
    }

    try (VigilEngine engine = TestEngines.start(dataDir, SETTINGS)) {
      // Ready means the health view has read what vigil.health held: leaky is served at once, not eventually.
      JsonObject ready = Eventually.succeeds(vertx, 300, 100, () -> http(vertx, engine).get("/ready").send().map(response -> {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
      })).await();
      assertThat(ready.getJsonArray("checks").stream().map(JsonObject.class::cast).filter(check -> check.getString("id").equals("healthView"))
          .findFirst().orElseThrow().getJsonObject("data").getString("status")).isEqualTo("caught up");
      assertThat(http(vertx, engine).get("/api/v1/health/leaky").send().await().statusCode()).isEqualTo(200);

      // Nothing new is pushed: a record written after the restart can only come from restored state.
      JsonObject leaky = healthOf(vertx, engine, "leaky", health -> health.getLong("updatedAtMillis") > restartedAt);
      assertThat(leaky.getInteger("score")).as(leaky.encode()).isLessThan(90).isCloseTo(scoreBefore, org.assertj.core.data.Offset.offset(3));
      assertThat(leaky.getString("topReason")).startsWith("memory at 9");
      assertThat(leaky.getJsonObject("history").getJsonArray("scores").stream().filter(score -> score != null).count())
          .as("the history survived").isGreaterThanOrEqualTo(1);
    }
  }
}
