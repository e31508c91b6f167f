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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one Kafka cluster (a third hosts the broker), both configured with the same
 * jobs: only the holder of each job's lease runs it, the other lists it as standby, and when the
 * holder stops the other takes the job over.
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class SourceLeaseTest {

  @TempDir
  Path folder;

  /** Probes and the demo: the target is probed once a second, not twice, and no demo point is written twice. */
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
      List<VigilEngine> roles = competitors(vertx, open, file, "probe:web", "kafka.bootstrapServers=" + broker.bootstrapServers());
      VigilEngine holder = roles.get(0);
      VigilEngine standby = roles.get(1);

      int before = probed.get();
      vertx.timer(6000).await();
      assertThat(probed.get() - before).as("requests in 6 s from one process probing once a second").isBetween(3, 8);

      Map<String, Integer> demoPoints = demoPointCounts(vertx, broker);
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
      // The survivor goes on from the demo's committed clock cursor instead of writing its 30 minutes of history again.
      Map<String, Integer> afterTakeover = demoPointCounts(vertx, broker);
      assertThat(afterTakeover.size()).as("demo points after the take-over").isGreaterThan(demoPoints.size());
      assertThat(afterTakeover).as("demo points still written once").allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
    } finally {
      for (int i = open.size() - 1; i >= 0; i--) {
        open.get(i).close();
      }
      web.close().await();
    }
  }

  /**
   * The CloudWatch source of two processes: one collects and the other stands by; when the holder
   * stops, the other resumes from the cursors the holder committed, so every datapoint, including
   * one added after the hand-over, is written exactly once.
   */
  @Test
  void aCloudWatchSourceMovesToTheOtherProcessAndResumesFromItsCursors(Vertx vertx) throws Exception {
    System.setProperty("aws.accessKeyId", "AKIDTEST");
    System.setProperty("aws.secretAccessKey", "secret-for-tests");
    FakeCloudWatch cloudWatch = new FakeCloudWatch(100, 100);
    int port = cloudWatch.start(vertx).await();
    long minute = 60_000L;
    long t0 = Math.floorDiv(System.currentTimeMillis(), minute) * minute;
    FakeCloudWatch.Series cpu = new FakeCloudWatch.Series("AWS/ECS", "CPUUtilization", new TreeMap<>(Map.of("ClusterName", "prod", "ServiceName", "api")));
    for (int k = 2; k <= 6; k++) {
      cloudWatch.put(cpu, t0 - k * minute, k);
    }
    VigilEngine broker = VigilEngine.start(config(vertx, null, folder.resolve("broker")), Clock.systemUTC());
    List<VigilEngine> open = new ArrayList<>(List.of(broker));
    try {
      String[] source = {"kafka.bootstrapServers=" + broker.bootstrapServers(), "demo.enabled=false", "aws.region=us-east-1",
          "aws.endpointOverride=http://127.0.0.1:" + port, "ingest.cloudwatch.enabled=true", "ingest.cloudwatch.pollIntervalSeconds=1",
          "ingest.cloudwatch.settleSeconds=0"};
      List<VigilEngine> roles = competitors(vertx, open, null, "cloudwatch-metrics", source);
      VigilEngine holder = roles.get(0);
      VigilEngine standby = roles.get(1);
      awaitCpuPoints(vertx, broker, 5);

      holder.close();
      open.remove(holder);
      cloudWatch.put(cpu, t0 - minute, 1);
      List<JsonObject> points = awaitCpuPoints(vertx, broker, 6);
      assertThat(points).extracting(point -> point.getDouble("value")).containsExactlyInAnyOrder(1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
      assertThat(CloudWatchMetricsSourceTest.sourceStatus(vertx, standby, "cloudwatch-metrics",
          json -> "ok".equals(json.getString("state"))).getString("state")).isEqualTo("ok");
    } finally {
      for (int i = open.size() - 1; i >= 0; i--) {
        open.get(i).close();
      }
      cloudWatch.stop().await();
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  /**
   * Starts the two processes that compete for {@code source} (added to {@code open}, so they are
   * closed) and returns them as the holder, then the standby.
   */
  private List<VigilEngine> competitors(Vertx vertx, List<VigilEngine> open, Path file, String source, String... settings) {
    VigilEngine first = VigilEngine.start(config(vertx, file, folder.resolve("first"), settings), Clock.systemUTC());
    open.add(first);
    VigilEngine second = VigilEngine.start(config(vertx, file, folder.resolve("second"), settings), Clock.systemUTC());
    open.add(second);
    return holderThenStandby(vertx, first, second, source);
  }

  /**
   * Waits until both processes report the source as running or standing by, checks that exactly
   * one runs it, and returns the one that does, then the other.
   */
  private static List<VigilEngine> holderThenStandby(Vertx vertx, VigilEngine first, VigilEngine second, String source) {
    Map<VigilEngine, String> states = new HashMap<>();
    for (VigilEngine engine : List.of(first, second)) {
      states.put(engine, CloudWatchMetricsSourceTest.sourceStatus(vertx, engine, source,
          json -> List.of("ok", "standby").contains(json.getString("state"))).getString("state"));
    }
    assertThat(states.values()).as("one runs %s, the other stands by", source).containsExactlyInAnyOrder("ok", "standby");
    return states.get(first).equals("ok") ? List.of(first, second) : List.of(second, first);
  }

  /** The CPU points written so far, once there are {@code count}; fails if any (series, timestamp) is written twice. */
  private static List<JsonObject> awaitCpuPoints(Vertx vertx, VigilEngine broker, int count) {
    return Eventually.succeeds(vertx, 120, 500, () -> vertx.executeBlocking(() -> {
      List<JsonObject> points = CommittedTopic.readPoints(broker.bootstrapServers()).stream()
          .filter(point -> point.getString("metric").equals("CPUUtilization")).toList();
      Map<Long, Long> perTimestamp = new HashMap<>();
      points.forEach(point -> perTimestamp.merge(point.getLong("timestampMillis"), 1L, Long::sum));
      assertThat(perTimestamp).as("each datapoint once").allSatisfy((timestamp, times) -> assertThat(times).isEqualTo(1L));
      if (points.size() < count) {
        throw new AssertionError("not yet: " + points.size() + " points");
      }
      return points;
    })).await();
  }

  /** How often each demo point (series and timestamp) is on the points topic. */
  private static Map<String, Integer> demoPointCounts(Vertx vertx, VigilEngine broker) {
    List<JsonObject> points = vertx.executeBlocking(() -> CommittedTopic.readPoints(broker.bootstrapServers())).await();
    Map<String, Integer> counts = new HashMap<>();
    points.stream().filter(point -> point.getString("namespace").startsWith("AWS/"))
        .forEach(point -> counts.merge(point.getString("seriesId") + "@" + point.getLong("timestampMillis"), 1, Integer::sum));
    return counts;
  }

  private static long newestDemoPoint(VigilEngine broker) {
    return CommittedTopic.readPoints(broker.bootstrapServers()).stream()
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
