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
 * The recommender keeps a service's usage across a restart: after one more sample, the restarted
 * engine's recommendation counts every sample from before it too, and still holds the kill.
 */
@ExtendWith(VertxExtension.class)
class RecommendationsRestartTest {

  @TempDir
  Path dataDir;

  private static final String[] SETTINGS = {"alerting.enabled=false", "recommendations.evaluateIntervalSeconds=1",
      "recommendations.checkpointIntervalSeconds=1", "recommendations.services.worker.cpu=1024", "recommendations.services.worker.memoryMiB=2048"};

  private static JsonObject point(String metric, Instant at, double value) {
    return new JsonObject().put("namespace", "AWS/ECS").put("metric", metric)
        .put("dimensions", new JsonObject().put("ClusterName", "prod").put("ServiceName", "worker"))
        .put("timestamp", at.toString()).put("value", value).put("unit", "Percent");
  }

  private static JsonObject worker(Vertx vertx, VigilEngine engine, Predicate<JsonObject> until) {
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
    return Eventually.succeeds(vertx, 150, 200, () -> http.get("/api/v1/recommendations?service=worker").send().compose(response -> {
      for (Object item : response.bodyAsJsonObject().getJsonArray("recommendations")) {
        JsonObject found = (JsonObject) item;
        if ("rightsize".equals(found.getString("kind")) && until.test(found)) {
          return Future.succeededFuture(found);
        }
      }
      return Future.failedFuture("not yet: " + response.bodyAsString());
    })).await();
  }


  @Test
  void usageAndKillsSurviveARestart(Vertx vertx) {
    Instant start = Instant.now().minusSeconds(3 * 3600);
    long samplesBefore;
    String id;
    try (VigilEngine engine = TestEngines.start(dataDir, SETTINGS)) {
      WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
      JsonArray points = new JsonArray();
      for (int minute = 0; minute < 120; minute++) {
        points.add(point("CPUUtilization", start.plusSeconds(minute * 60L), 40));
        points.add(point("MemoryUtilization", start.plusSeconds(minute * 60L), 50 + minute * 0.4));
      }
      assertThat(http.post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", points)).await().statusCode()).isEqualTo(202);
      JsonObject kill = new JsonObject().put("logGroup", "/ecs/worker").put("logStream", "w").put("timestamp", start.plusSeconds(120 * 60L).toString())
          .put("message", "java.lang.OutOfMemoryError: Java heap space");
      assertThat(http.post("/api/v1/logs").sendJsonObject(new JsonObject().put("events", new JsonArray().add(kill))).await().statusCode()).isEqualTo(202);
      JsonObject first = worker(vertx, engine, found -> found.getJsonObject("evidence").getInteger("kills") == 1
          && found.getJsonObject("recommended").getInteger("memoryMiB") > 2048);
      id = first.getString("id");
      samplesBefore = detail(vertx, engine, id).getJsonObject("evidence").getLong("samples");
      assertThat(samplesBefore).isEqualTo(240);
    }
    try (VigilEngine engine = TestEngines.start(dataDir, SETTINGS)) {
      WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
      JsonArray one = new JsonArray().add(point("CPUUtilization", start.plusSeconds(121 * 60L), 40));
      assertThat(http.post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", one)).await().statusCode()).isEqualTo(202);
      JsonObject after = Eventually.succeeds(vertx, 150, 200, () -> http.get("/api/v1/recommendations/" + id).send().compose(response -> {
        JsonObject found = response.bodyAsJsonObject();
        return response.statusCode() == 200 && found.getJsonObject("evidence").getLong("samples") == samplesBefore + 1
            ? Future.succeededFuture(found) : Future.failedFuture("not yet: " + response.bodyAsString());
      })).await();
      assertThat(after.getJsonObject("evidence").getJsonArray("kills")).hasSize(1);
      assertThat(after.getString("finding")).isEqualTo("Underprovisioned");
    }
  }

  private static JsonObject detail(Vertx vertx, VigilEngine engine, String id) {
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
    return http.get("/api/v1/recommendations/" + id).send().await().bodyAsJsonObject();
  }
}
