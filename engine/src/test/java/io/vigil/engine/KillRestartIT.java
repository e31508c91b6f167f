package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vigil.model.Anomaly;
import io.vigil.model.SeriesKey;
import io.vigil.testing.Eventually;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real launcher jar as a separate process, kills it with SIGKILL right after Kafka
 * acknowledged a batch, and restarts it on the same data directory: every accepted point and
 * anomaly is still there, and nothing appears twice; a service's open insight is the same insight
 * after the restart, not a new one.
 */
@ExtendWith(VertxExtension.class)
class KillRestartIT {

  private static final long START_MILLIS = Instant.parse("2026-11-28T00:00:00Z").toEpochMilli();
  private static final long STEP_MILLIS = 60_000;

  @TempDir
  Path dataDir;

  private VigilProcess vigil;

  @BeforeEach
  void prepare() {
    vigil = new VigilProcess(dataDir, List.of());
  }

  @AfterEach
  void stopProcesses() {
    vigil.close();
  }

  @Test
  @Timeout(value = 240, timeUnit = TimeUnit.SECONDS)
  void killMinusNineLosesNothingAccepted(Vertx vertx, VertxTestContext test) throws IOException {
    WebClient http = vigil.client(vertx);
    Process first = vigil.launch("first");

    VigilProcess.waitReady(vertx, http)
        .compose(ready -> push(http, "before", 0, 301, 300))
        .compose(pushed -> Eventually.succeeds(vertx, 150, 200, () -> anomaliesOf(http, "before").map(ids -> {
          assertThat(ids).contains(spikeAnomalyId("before", 300));
          return ids;
        })))
        .compose(beforeIds -> push(http, "after", 0, 200, -1).map(beforeIds))
        .compose(beforeIds -> {
          // Accepted means acknowledged by Kafka: kill at once, with no chance to checkpoint or flush.
          first.destroyForcibly();
          return vertx.executeBlocking(() -> {
            first.waitFor();
            return vigil.launch("second");
          }).compose(second -> VigilProcess.waitReady(vertx, http)).map(beforeIds);
        })
        .compose(beforeIds -> Eventually.succeeds(vertx, 300, 200, () -> Future.all(
            pointsOf(http, "before"), pointsOf(http, "after"), anomaliesOf(http, "before")).map(all -> {
              assertThat((Integer) all.resultAt(0)).isEqualTo(301);
              assertThat((Integer) all.resultAt(1)).isEqualTo(200);
              assertThat((Set<?>) all.resultAt(2)).isEqualTo(beforeIds);
              return null;
            })))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 240, timeUnit = TimeUnit.SECONDS)
  void killMinusNineKeepsAnOpenInsightOpen(Vertx vertx, VertxTestContext test) throws IOException {
    WebClient http = vigil.client(vertx);
    Process first = vigil.launch("first");
    long[] killedAtMillis = {0};
    VigilProcess.waitReady(vertx, http)
        .compose(ready -> pushMemory(http, 96))
        .compose(pushed -> Eventually.succeeds(vertx, 150, 200, () -> openInsightOf(http, "hungry")))
        .compose(insightId -> {
          first.destroyForcibly();
          killedAtMillis[0] = System.currentTimeMillis();
          return vertx.executeBlocking(() -> {
            first.waitFor();
            return vigil.launch("second");
          }).compose(second -> VigilProcess.waitReady(vertx, http)).map(insightId);
        })
        // Once the restored health stage has scored "hungry" again, it is still the one insight: had
        // the insight's state been lost, that assessment would have opened a new one.
        .compose(insightId -> Eventually.succeeds(vertx, 300, 200, () -> http.get("/api/v1/health/hungry").send().map(response -> {
          assertThat(response.bodyAsJsonObject().getLong("updatedAtMillis")).isGreaterThan(killedAtMillis[0]);
          return insightId;
        })))
        .compose(insightId -> vertx.timer(3000).compose(waited -> http.get("/api/v1/insights?service=hungry").send()).map(response -> {
          JsonArray insights = response.bodyAsJsonObject().getJsonArray("insights");
          assertThat(insights).as(response.bodyAsString()).hasSize(1);
          assertThat(insights.getJsonObject(0).getString("id")).isEqualTo(insightId);
          assertThat(insights.getJsonObject(0).getString("status")).isEqualTo("open");
          return null;
        }))
        .onComplete(test.succeedingThenComplete());
  }

  /** Twenty minutes of steady memory for the service "hungry", then the last ten at {@code percent}, ending now. */
  private static Future<Void> pushMemory(WebClient http, double percent) {
    long now = System.currentTimeMillis();
    JsonArray points = new JsonArray();
    for (int minute = 30; minute >= 0; minute--) {
      points.add(new JsonObject().put("namespace", "AWS/ECS").put("metric", "MemoryUtilization")
          .put("dimensions", new JsonObject().put("ServiceName", "hungry"))
          .put("timestamp", now - minute * 60_000L - 1)
          .put("value", minute > 10 ? 40.0 + minute % 3 : percent));
    }
    return http.post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", points)).map(response -> {
      assertThat(response.statusCode()).as(response.bodyAsString()).isIn(202);
      return null;
    });
  }

  private static Future<String> openInsightOf(WebClient http, String service) {
    return http.get("/api/v1/insights?status=open&service=" + service).send().map(response -> {
      JsonArray insights = response.bodyAsJsonObject().getJsonArray("insights");
      assertThat(insights).as(response.bodyAsString()).hasSize(1);
      return insights.getJsonObject(0).getString("id");
    });
  }

  private static String spikeAnomalyId(String service, int index) {
    SeriesKey series = SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", service));
    return Anomaly.idFor(series.id(), START_MILLIS + index * STEP_MILLIS);
  }

  /** Points {@code from..to} of the series {@code service}: N(50,1), and 95 at {@code spikeIndex}. */
  private static Future<Void> push(WebClient http, String service, int from, int to, int spikeIndex) {
    SplittableRandom random = new SplittableRandom(service.hashCode());
    JsonArray points = new JsonArray();
    for (int i = from; i < to; i++) {
      points.add(new JsonObject().put("namespace", "AWS/ECS").put("metric", "CPUUtilization")
          .put("dimensions", new JsonObject().put("ServiceName", service))
          .put("timestamp", START_MILLIS + i * STEP_MILLIS)
          .put("value", i == spikeIndex ? 95.0 : 50 + random.nextGaussian()));
    }
    return http.post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", points)).map(response -> {
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
      return null;
    });
  }

  private static Future<Integer> pointsOf(WebClient http, String service) {
    return http.get("/api/v1/series").send().compose(response -> {
      for (Object item : response.bodyAsJsonObject().getJsonArray("series")) {
        JsonObject series = (JsonObject) item;
        if (service.equals(series.getString("service"))) {
          return http.get("/api/v1/series/" + series.getString("id") + "/points?limit=10000").send()
              .map(points -> points.bodyAsJsonObject().getJsonArray("points").size());
        }
      }
      return Future.succeededFuture(0);
    });
  }

  private static Future<Set<String>> anomaliesOf(WebClient http, String service) {
    return http.get("/api/v1/anomalies?limit=10000&service=" + service).send().map(response -> {
      Set<String> ids = new HashSet<>();
      JsonArray anomalies = response.bodyAsJsonObject().getJsonArray("anomalies");
      anomalies.forEach(item -> ids.add(((JsonObject) item).getString("id")));
      assertThat(ids).as("anomaly ids are unique").hasSize(anomalies.size());
      return ids;
    });
  }
}
