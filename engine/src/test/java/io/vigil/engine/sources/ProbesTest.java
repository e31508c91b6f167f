package io.vigil.engine.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.engine.VigilEngine;
import io.vigil.testing.Eventually;
import io.vigil.testing.LocalProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probes against real PostgreSQL, Redis and HTTP servers, in a real engine: each probe becomes the
 * Vigil/Probes Availability and LatencyMillis series on the points topic, and /api/v1/sources says
 * why a probe is down (auth, refused, not ready).
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class ProbesTest {

  @TempDir
  static Path folder;

  private static LocalPostgres postgres;
  private static LocalRedis redis;

  @BeforeAll
  static void startServers() {
    postgres = LocalPostgres.init();
    postgres.start();
    redis = LocalRedis.start(folder);
  }

  @AfterAll
  static void stopServers() {
    if (redis != null) {
      redis.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void probesPublishAvailabilityAndLatencyAndSayWhyTheyFail(Vertx vertx) throws Exception {
    HttpServer web = vertx.createHttpServer().requestHandler(request -> {
      if (request.path().equals("/health")) {
        request.response().end("OK from vigil-test");
      } else {
        request.response().setStatusCode(503).end("starting");
      }
    });
    int webPort = web.listen(0, "127.0.0.1").await().actualPort();
    int closedPort = LocalProcess.freePort();
    Path file = folder.resolve("probes.yaml");
    Files.writeString(file, """
        ingest:
          probeDefaults:
            intervalSeconds: 1
            timeoutMillis: 3000
          probes:
            - {name: web, url: "http://127.0.0.1:%1$d/health", bodyContains: vigil}
            - {name: web-starting, url: "http://127.0.0.1:%1$d/other"}
            - {name: db, type: postgres, url: "%2$s"}
            - {name: db-wrong-password, type: postgres, url: "%3$s"}
            - {name: cache, type: redis, url: "%4$s"}
            - {name: nothing-there, type: tcp, url: "tcp://127.0.0.1:%5$d"}
        """.formatted(webPort, postgres.url(LocalPostgres.PASSWORD), postgres.url("wrong"), redis.url(), closedPort));
    VigilConfig config = new ConfigLoader(vertx).file(file).environment(Map.of()).assignments(List.of(
        "http.port=0", "demo.enabled=false", "kafka.partitions=2", "storage.dataDir=" + folder.resolve("data"))).load().await();
    VigilEngine engine = VigilEngine.start(config, Clock.systemUTC());
    try {
      Map<String, String> expected = Map.of(
          "probe:web", "ok", "probe:db", "ok", "probe:cache", "ok",
          "probe:web-starting", "not-ready", "probe:db-wrong-password", "auth", "probe:nothing-there", "refused");
      for (Map.Entry<String, String> probe : expected.entrySet()) {
        JsonObject status = CloudWatchMetricsSourceTest.sourceStatus(vertx, engine, probe.getKey(),
            json -> !"starting".equals(json.getString("state")));
        if (probe.getValue().equals("ok")) {
          assertThat(status.getString("state")).as(probe.getKey() + ": " + status.encode()).isEqualTo("ok");
        } else {
          assertThat(status.getString("state")).as(probe.getKey()).isEqualTo("down");
          assertThat(status.getJsonObject("details").getString("reason")).as(status.encode()).isEqualTo(probe.getValue());
        }
      }

      Map<String, Double> availability = Eventually.succeeds(vertx, 60, 500, () -> vertx.executeBlocking(() -> {
        Map<String, Double> latest = new HashMap<>();
        int latencies = 0;
        for (JsonObject point : CommittedTopic.readPoints(engine.bootstrapServers())) {
          assertThat(point.getString("namespace")).isEqualTo("Vigil/Probes");
          JsonObject dimensions = point.getJsonObject("dimensions");
          if (point.getString("metric").equals("Availability")) {
            latest.put(dimensions.getString("ProbeName"), point.getDouble("value"));
          } else if (point.getString("metric").equals("LatencyMillis")) {
            assertThat(point.getDouble("value")).isNotNegative();
            latencies++;
          }
        }
        if (latest.size() < 6 || latencies < 6) {
          throw new AssertionError("not yet: " + latest);
        }
        return latest;
      })).await();
      assertThat(availability).containsEntry("web", 1.0).containsEntry("db", 1.0).containsEntry("cache", 1.0)
          .containsEntry("web-starting", 0.0).containsEntry("db-wrong-password", 0.0).containsEntry("nothing-there", 0.0);
    } finally {
      engine.close();
      web.close().await();
    }
  }
}
