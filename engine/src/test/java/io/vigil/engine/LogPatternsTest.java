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
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log lines pushed over HTTP are mined into templates (GET /api/v1/logs/patterns), and a burst of an
 * error template, counted per minute as a Vigil/Logs series, becomes an anomaly of the group's service.
 */
@ExtendWith(VertxExtension.class)
class LogPatternsTest {

  private static final String GROUP = "/ecs/api";
  private static final String ERROR_TEMPLATE = "ERROR connection refused to postgres:<*> after <*> ms";

  @TempDir
  Path dataDir;

  private static WebClient http(Vertx vertx, VigilEngine engine) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
  }

  private static JsonObject event(Instant at, String message) {
    return new JsonObject().put("logGroup", GROUP).put("logStream", "task-1").put("timestamp", at.toString()).put("message", message);
  }

  /** 90 minutes of health checks and a rare error, a burst of that error 5 minutes ago, then calm again. */
  private static void pushHistory(Vertx vertx, VigilEngine engine) {
    SplittableRandom random = new SplittableRandom(11);
    Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(90, ChronoUnit.MINUTES);
    JsonArray batch = new JsonArray();
    for (int minute = 0; minute < 90; minute++) {
      Instant at = start.plus(minute, ChronoUnit.MINUTES);
      for (int i = 0; i < 3; i++) {
        batch.add(event(at.plusSeconds(10L * i + 1), "INFO GET /health 200 in " + random.nextInt(1, 9) + "ms"));
      }
      int errors = minute == 85 ? 80 : random.nextInt(0, 2);
      for (int i = 0; i < errors; i++) {
        batch.add(event(at.plusMillis(40_000L + i * 100L), "ERROR connection refused to postgres:5432 after " + random.nextInt(1, 99) + " ms"));
      }
    }
    int status = http(vertx, engine).post("/api/v1/logs").sendJsonObject(new JsonObject().put("events", batch)).await().statusCode();
    assertThat(status).isEqualTo(202);
  }

  @Test
  void templatesAreListedAndABurstOfAnErrorTemplateIsAnAnomaly(Vertx vertx) {
    try (VigilEngine engine = TestEngines.start(dataDir, "logPatterns.checkpointIntervalSeconds=1", "logPatterns.warmupLines=10")) {
      pushHistory(vertx, engine);
      JsonObject error = Eventually.succeeds(vertx, 150, 200, () -> http(vertx, engine)
          .get("/api/v1/logs/patterns").addQueryParam("logGroup", GROUP).send().compose(response -> {
            JsonArray patterns = response.bodyAsJsonObject().getJsonArray("patterns");
            for (Object item : patterns) {
              JsonObject pattern = (JsonObject) item;
              if (pattern.getString("template").equals(ERROR_TEMPLATE) && pattern.getLong("count") > 80) {
                return Future.succeededFuture(pattern);
              }
            }
            return Future.failedFuture("no error template yet: " + patterns.encode());
          })).await();
      assertThat(error.getString("level")).isEqualTo("ERROR");
      assertThat(error.getString("service")).isEqualTo("api");
      assertThat(error.getString("example")).startsWith("ERROR connection refused to postgres:5432");
      assertThat(error.getString("trend")).isIn("rising", "falling", "steady");
      assertThat(Instant.parse(error.getString("firstSeen"))).isBefore(Instant.parse(error.getString("lastSeen")));

      JsonObject anomaly = Eventually.succeeds(vertx, 150, 200, () -> http(vertx, engine)
          .get("/api/v1/anomalies").send().compose(response -> {
            for (Object item : response.bodyAsJsonObject().getJsonArray("anomalies")) {
              JsonObject candidate = (JsonObject) item;
              JsonObject dimensions = candidate.getJsonObject("dimensions");
              if (candidate.getString("namespace").equals("Vigil/Logs")
                  && error.getString("pattern").equals(dimensions.getString("Pattern"))) {
                return Future.succeededFuture(candidate);
              }
            }
            return Future.failedFuture("no anomaly on the error template yet");
          })).await();
      assertThat(anomaly.getString("metric")).isEqualTo("PatternCount");
      assertThat(anomaly.getJsonObject("dimensions").getString("ServiceName")).isEqualTo("api");
      assertThat(anomaly.getDouble("value")).isEqualTo(80.0);

      int badSince = http(vertx, engine).get("/api/v1/logs/patterns").addQueryParam("since", "yesterday").send().await().statusCode();
      assertThat(badSince).isEqualTo(400);
    }
  }

  private static long countOf(Vertx vertx, VigilEngine engine, String template, long atLeast) {
    return Eventually.succeeds(vertx, 150, 200, () -> http(vertx, engine)
        .get("/api/v1/logs/patterns").addQueryParam("logGroup", GROUP).send().compose(response -> {
          for (Object item : response.bodyAsJsonObject().getJsonArray("patterns")) {
            JsonObject pattern = (JsonObject) item;
            if (pattern.getString("template").equals(template) && pattern.getLong("count") >= atLeast) {
              return Future.succeededFuture(pattern.getLong("count"));
            }
          }
          return Future.failedFuture("no " + template + " with " + atLeast + " lines yet");
        })).await();
  }

  /** {@code lines} cache misses at {@code at}, then one other line a minute later that closes their minute. */
  private static void push(Vertx vertx, VigilEngine engine, Instant at, int lines) {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < lines; i++) {
      batch.add(event(at.plusMillis(i), "WARN cache miss for key user-" + i + " took " + i + " ms"));
    }
    batch.add(event(at.plus(1, ChronoUnit.MINUTES), "INFO GET /health 200 in 2ms"));
    assertThat(http(vertx, engine).post("/api/v1/logs").sendJsonObject(new JsonObject().put("events", batch)).await().statusCode())
        .isEqualTo(202);
  }

  @Test
  void aRestartedStageContinuesFromItsCheckpoint(Vertx vertx) {
    String template = "WARN cache miss for key user-<*> took <*> ms";
    Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
    String[] settings = {"logPatterns.checkpointIntervalSeconds=1"};
    try (VigilEngine engine = TestEngines.start(dataDir, settings)) {
      push(vertx, engine, at, 30);
      assertThat(countOf(vertx, engine, template, 30)).isEqualTo(30);
    } // stopping checkpoints every partition
    try (VigilEngine engine = TestEngines.start(dataDir, settings)) {
      push(vertx, engine, at.plus(2, ChronoUnit.MINUTES), 5);
      assertThat(countOf(vertx, engine, template, 35)).as("the count goes on from the checkpoint").isEqualTo(35);
    }
  }
}
