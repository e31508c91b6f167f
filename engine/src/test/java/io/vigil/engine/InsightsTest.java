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
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incident pushed over HTTP, as metrics and log lines: a service's memory climbs past 90% and
 * its container is killed for memory. Its score falls below 70 with the kill as the top reason and
 * exactly one insight opens, naming memory and then the kill as its first cause; once memory is
 * quiet again the score climbs back and the insight closes; after a restart the insight is still
 * served. Decay, the kill's window and the quiet period are shortened so that this takes seconds.
 */
@ExtendWith(VertxExtension.class)
class InsightsTest {

  @TempDir
  Path dataDir;

  private static final String[] SETTINGS = {"health.checkpointIntervalSeconds=1", "health.anomalyHalfLifeSeconds=3",
      "health.memoryKillSeconds=6", "health.insights.quietSeconds=3"};

  private static WebClient http(Vertx vertx, VigilEngine engine) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
  }

  private static JsonObject memory(String service, Instant at, double value) {
    return new JsonObject().put("namespace", "AWS/ECS").put("metric", "MemoryUtilization")
        .put("dimensions", new JsonObject().put("ClusterName", "test").put("ServiceName", service))
        .put("timestamp", at.toString()).put("value", value).put("unit", "Percent");
  }

  private static void push(Vertx vertx, VigilEngine engine, String path, JsonObject body) {
    int status = http(vertx, engine).post(path).sendJsonObject(body).await().statusCode();
    assertThat(status).as(path).isEqualTo(202);
  }

  private static JsonObject get(Vertx vertx, VigilEngine engine, String uri, Predicate<JsonObject> until) {
    return Eventually.succeeds(vertx, 150, 200, () -> http(vertx, engine).get(uri).send().compose(response -> {
      if (response.statusCode() != 200) {
        return Future.failedFuture(uri + ": " + response.statusCode());
      }
      JsonObject body = response.bodyAsJsonObject();
      return until.test(body) ? Future.succeededFuture(body) : Future.failedFuture("not yet: " + body.encode());
    })).await();
  }

  private static List<JsonObject> insightsOf(JsonObject list) {
    return list.getJsonArray("insights").stream().map(JsonObject.class::cast).toList();
  }

  @Test
  void anIncidentIsOneInsightWithItsCauseAndItClosesWhenTheServiceRecovers(Vertx vertx) {
    String insightId;
    try (VigilEngine engine = TestEngines.start(dataDir, SETTINGS)) {
      Instant now = Instant.now();
      JsonArray points = new JsonArray();
      for (int minute = 30; minute >= 1; minute--) {
        points.add(memory("leaky", now.minusSeconds(minute * 60L), minute > 6 ? 40 + (minute % 3) : 97 - minute));
        points.add(memory("steady", now.minusSeconds(minute * 60L), 30 + (minute % 3)));
      }
      push(vertx, engine, "/api/v1/metrics", new JsonObject().put("points", points));
      push(vertx, engine, "/api/v1/logs", new JsonObject().put("events", new JsonArray()
          .add(new JsonObject().put("logGroup", "/aws/ecs/events").put("logStream", "test").put("timestamp", now.toString())
              .put("message", "(service leaky) (task 9f1e) Task stopped: Essential container in task exited. OutOfMemoryError: Container killed due to memory usage. Exit Code 137"))));

      JsonObject leaky = get(vertx, engine, "/api/v1/health/leaky",
          health -> health.getInteger("score") != null && health.getInteger("score") < 70);
      assertThat(leaky.getString("status")).isEqualTo("unhealthy");
      assertThat(leaky.getString("topReason")).startsWith("container killed for memory");

      // The kill's log line may be read before the memory points are scored: the cause is complete once both are in.
      JsonObject open = get(vertx, engine, "/api/v1/insights?service=leaky", list -> insightsOf(list).stream()
          .anyMatch(insight -> !insight.getJsonArray("causes").isEmpty()
              && insight.getJsonArray("causes").getJsonObject(0).getString("description").startsWith("memory rose")));
      assertThat(insightsOf(open)).as(open.encode()).hasSize(1);
      JsonObject insight = insightsOf(open).get(0);
      insightId = insight.getString("id");
      assertThat(insight.getString("status")).isEqualTo("open");
      assertThat(insight.getString("severity")).isEqualTo("critical");
      assertThat(insight.getJsonArray("causes").getJsonObject(0).getString("kind")).isEqualTo("memory-kill");
      assertThat(insight.getJsonArray("causes").getJsonObject(0).getString("description")).startsWith("memory rose (MemoryUtilization");

      JsonObject detail = get(vertx, engine, "/api/v1/insights/" + insightId, body -> true);
      JsonArray evidence = detail.getJsonArray("causes").getJsonObject(0).getJsonArray("evidence");
      assertThat(evidence.stream().map(JsonObject.class::cast).map(fact -> fact.getString("seriesId", fact.getString("signalId"))))
          .anySatisfy(subject -> assertThat(subject).startsWith("s-"))
          .anySatisfy(subject -> assertThat(subject).startsWith("log:/aws/ecs/events:memory_kill:leaky"));
      assertThat(get(vertx, engine, "/api/v1/insights?service=steady", body -> true).getInteger("count")).as("steady had no trouble").isZero();

      // Memory quiet again, pushed each second (bounded): the score climbs back and the insight closes.
      JsonObject closed = null;
      for (int second = 0; second < 90 && closed == null; second++) {
        push(vertx, engine, "/api/v1/metrics", new JsonObject().put("points", new JsonArray().add(memory("leaky", Instant.now(), 30))));
        JsonObject list = http(vertx, engine).get("/api/v1/insights?service=leaky&status=closed").send().await().bodyAsJsonObject();
        closed = insightsOf(list).stream().filter(item -> item.getString("id").equals(insightId)).findFirst().orElse(null);
        if (closed == null) {
          vertx.timer(1000).await();
        }
      }
      assertThat(closed).as("the insight closed; health now: %s; insights: %s",
          http(vertx, engine).get("/api/v1/health/leaky").send().await().bodyAsString(),
          http(vertx, engine).get("/api/v1/insights/" + insightId).send().await().bodyAsString()).isNotNull();
      assertThat(closed.getLong("endMillis")).isGreaterThan(closed.getLong("startMillis"));
      assertThat(get(vertx, engine, "/api/v1/health/leaky", body -> true).getInteger("score")).isGreaterThanOrEqualTo(90);
      assertThat(get(vertx, engine, "/api/v1/insights?service=leaky", body -> true).getInteger("count")).as("still one incident").isEqualTo(1);
    }

    try (VigilEngine engine = TestEngines.start(dataDir, SETTINGS)) {
      JsonObject list = get(vertx, engine, "/api/v1/insights?service=leaky", body -> body.getInteger("count") > 0);
      assertThat(insightsOf(list)).extracting(item -> item.getString("id")).containsExactly(insightId);
      assertThat(insightsOf(list).get(0).getString("status")).isEqualTo("closed");
    }
  }
}
