package io.vigil.engine.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.engine.Eventually;
import io.vigil.engine.VigilEngine;
import io.vigil.model.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one Kafka cluster, both configured with a probe and the demo workload: only the
 * holder of each job's lease runs it (the other reports the probe as standby, the target is probed
 * once a second, not twice, and no demo point is written twice), and when the holder stops the
 * other process takes both jobs over.
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class SourceLeaseTest {

  @TempDir
  Path folder;

  @Test
  void probesAndTheDemoRunOnOneProcessAndMoveWhenItStops(Vertx vertx) throws Exception {
    AtomicInteger probed = new AtomicInteger();
    HttpServer web = vertx.createHttpServer().requestHandler(request -> {
      probed.incrementAndGet();
      request.response().end("ok");
    });
    int port = web.listen(0, "127.0.0.1").await().actualPort();
    Path file = folder.resolve("lease.yaml");
    Files.writeString(file, """
        demo:
          enabled: true
          intervalSeconds: 10
          backfillMinutes: 30
        ingest:
          probes:
            - {name: web, url: "http://127.0.0.1:%d/health", intervalSeconds: 1}
        """.formatted(port));
    // The broker lives in the first process, which runs neither job; the two others compete for them.
    VigilEngine broker = VigilEngine.start(config(vertx, null, folder.resolve("broker")), Clock.systemUTC());
    List<VigilEngine> open = new ArrayList<>(List.of(broker));
    try {
      String cluster = "kafka.bootstrapServers=" + broker.bootstrapServers();
      VigilEngine first = VigilEngine.start(config(vertx, file, folder.resolve("first"), cluster), Clock.systemUTC());
      open.add(first);
      VigilEngine second = VigilEngine.start(config(vertx, file, folder.resolve("second"), cluster), Clock.systemUTC());
      open.add(second);
      Map<VigilEngine, String> states = new HashMap<>();
      for (VigilEngine engine : List.of(first, second)) {
        states.put(engine, CloudWatchMetricsSourceTest.sourceStatus(vertx, engine, "probe:web",
            json -> !"starting".equals(json.getString("state"))).getString("state"));
      }
      assertThat(states.values()).as("one probes, the other stands by").containsExactlyInAnyOrder("ok", "standby");
      VigilEngine holder = states.get(first).equals("ok") ? first : second;
      VigilEngine standby = holder == first ? second : first;

      int before = probed.get();
      vertx.timer(6000).await();
      assertThat(probed.get() - before).as("requests in 6 s from one process probing once a second").isBetween(3, 8);

      List<JsonObject> points = vertx.executeBlocking(() -> TopicReader.readAll(broker.bootstrapServers(), Topics.POINTS)).await();
      Map<String, Integer> demoPoints = new HashMap<>();
      points.stream().filter(point -> point.getString("namespace").startsWith("AWS/"))
          .forEach(point -> demoPoints.merge(point.getString("seriesId") + "@" + point.getLong("timestampMillis"), 1, Integer::sum));
      assertThat(demoPoints).as("demo points").isNotEmpty();
      assertThat(demoPoints).as("demo points written once").allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));

      String stoppedAt = Instant.now().toString();
      holder.close();
      open.remove(holder);
      JsonObject takenOver = CloudWatchMetricsSourceTest.sourceStatus(vertx, standby, "probe:web",
          json -> "ok".equals(json.getString("state")) && json.getString("lastSuccess").compareTo(stoppedAt) > 0);
      assertThat(takenOver.getString("lastSuccess")).isGreaterThan(stoppedAt);
      long newestBefore = newestDemoPoint(broker);
      Eventually.succeeds(vertx, 60, 500, () -> vertx.executeBlocking(() -> {
        assertThat(newestDemoPoint(broker)).as("the survivor plays the demo on").isGreaterThan(newestBefore);
        return null;
      })).await();
    } finally {
      for (int i = open.size() - 1; i >= 0; i--) {
        open.get(i).close();
      }
      web.close().await();
    }
  }

  private static long newestDemoPoint(VigilEngine broker) {
    return TopicReader.readAll(broker.bootstrapServers(), Topics.POINTS).stream()
        .filter(point -> point.getString("namespace").startsWith("AWS/"))
        .mapToLong(point -> point.getLong("timestampMillis")).max().orElse(0);
  }

  private static VigilConfig config(Vertx vertx, Path file, Path dataDir, String... more) {
    List<String> assignments = new ArrayList<>(List.of("http.port=0", "kafka.partitions=2", "storage.dataDir=" + dataDir));
    assignments.addAll(List.of(more));
    ConfigLoader loader = new ConfigLoader(vertx);
    if (file == null) {
      assignments.add("demo.enabled=false");
    } else {
      loader.file(file);
    }
    return loader.environment(Map.of()).assignments(assignments).load().await();
  }
}
