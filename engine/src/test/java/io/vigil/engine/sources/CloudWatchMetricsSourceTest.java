package io.vigil.engine.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.engine.TestEngines;
import io.vigil.engine.VigilEngine;
import io.vigil.model.SeriesKey;
import io.vigil.testing.Eventually;
import io.vigil.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CloudWatch metrics source against a protocol-faithful CloudWatch (smithy RPC v2 CBOR) and a
 * real embedded Kafka: discovery and data paging, batches of at most maxQueriesPerCall queries,
 * throttling, 500s and access denied survived, late datapoints picked up and revisions ignored, and
 * each (series, timestamp) written once across a restart.
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class CloudWatchMetricsSourceTest {

  private static final long MINUTE = 60_000;

  @TempDir
  Path dataDir;

  private VigilEngine engine;

  @BeforeAll
  static void fakeCredentials() {
    System.setProperty("aws.accessKeyId", "AKIDTEST");
    System.setProperty("aws.secretAccessKey", "secret-for-tests");
  }

  @AfterAll
  static void clearCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @AfterEach
  void stopEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  private VigilEngine startEngine(int port) {
    return TestEngines.start(dataDir,
        "aws.region=us-east-1",
        "aws.endpointOverride=http://127.0.0.1:" + port,
        "ingest.cloudwatch.enabled=true",
        "ingest.cloudwatch.pollIntervalSeconds=1",
        "ingest.cloudwatch.settleSeconds=0",
        "ingest.cloudwatch.trailingWindowMinutes=15",
        "ingest.cloudwatch.maxCatchUpMinutes=30",
        "ingest.cloudwatch.maxQueriesPerCall=2");
  }

  @Test
  void readsEachDatapointOnceThroughFailuresLateDataAndRestart(Vertx vertx) {
    FakeCloudWatch cloudWatch = new FakeCloudWatch(2, 7);
    int port = cloudWatch.start(vertx).await();
    long t0 = Math.floorDiv(System.currentTimeMillis(), MINUTE) * MINUTE;
    Map<String, FakeCloudWatch.Series> services = new TreeMap<>();
    for (String service : List.of("a", "b", "c")) {
      FakeCloudWatch.Series series = new FakeCloudWatch.Series("AWS/ECS", "CPUUtilization",
          new TreeMap<>(Map.of("ClusterName", "prod", "ServiceName", service)));
      services.put(service, series);
      for (int k = 1; k <= 10; k++) {
        boolean hole = service.equals("a") && k == 5 || service.equals("c") && k == 7;
        if (!hole) {
          cloudWatch.put(series, t0 - k * MINUTE, k);
        }
      }
    }
    cloudWatch.failList(FakeCloudWatch.Failure.accessDenied());
    cloudWatch.failData(FakeCloudWatch.Failure.throttling(), FakeCloudWatch.Failure.internal());

    engine = startEngine(port);
    List<JsonObject> first = awaitPoints(vertx, engine, points -> points.size() >= 28);
    assertThat(first).hasSize(28);
    assertOncePerSeriesAndTimestamp(first);
    assertThat(cloudWatch.protocolErrors).isEmpty();
    assertThat(cloudWatch.maxQueriesSeen.get()).isEqualTo(2);
    assertThat(cloudWatch.pagedDataCalls.get()).isPositive();

    JsonObject status = sourceStatus(vertx, engine, "cloudwatch-metrics", json -> "ok".equals(json.getString("state")));
    assertThat(status.getString("lastError")).contains("AccessDenied");
    assertThat(status.getJsonObject("details").getInteger("series")).isEqualTo(3);
    assertThat(status.getLong("lagMillis")).isNotNull();

    // A late datapoint fills a hole; a revision of an emitted one is not emitted again.
    int pollsBefore = cloudWatch.dataSuccesses.get();
    cloudWatch.put(services.get("a"), t0 - 5 * MINUTE, 5.5);
    cloudWatch.put(services.get("b"), t0 - 3 * MINUTE, 999);
    List<JsonObject> second = awaitPoints(vertx, engine, points -> points.size() >= 29 && cloudWatch.dataSuccesses.get() >= pollsBefore + 6);
    assertThat(second).hasSize(29);
    assertOncePerSeriesAndTimestamp(second);
    assertThat(second).noneMatch(point -> point.getDouble("value") == 999);
    assertThat(second).anyMatch(point -> point.getDouble("value") == 5.5);

    // Restart: cursors come back from Kafka, so nothing is read twice and the new late point once.
    engine.close();
    engine = null;
    cloudWatch.put(services.get("c"), t0 - 7 * MINUTE, 7.5);
    engine = startEngine(port);
    int pollsAtRestart = cloudWatch.dataSuccesses.get();
    List<JsonObject> third = awaitPoints(vertx, engine, points -> points.size() >= 30 && cloudWatch.dataSuccesses.get() >= pollsAtRestart + 6);
    assertThat(third).hasSize(30);
    assertOncePerSeriesAndTimestamp(third);
    cloudWatch.stop().await();
  }

  /**
   * A series created after start is collected once discovery runs again, one discovery interval
   * later by the engine's clock (here stopped, and moved by the test), and not before: polls in
   * between only read the known series.
   */
  @Test
  void aSeriesCreatedAfterStartIsFoundAtTheNextDiscovery(Vertx vertx) {
    FakeCloudWatch cloudWatch = new FakeCloudWatch(100, 100);
    int port = cloudWatch.start(vertx).await();
    long t0 = Math.floorDiv(System.currentTimeMillis(), MINUTE) * MINUTE;
    FakeCloudWatch.Series api = new FakeCloudWatch.Series("AWS/ECS", "CPUUtilization", new TreeMap<>(Map.of("ClusterName", "prod", "ServiceName", "api")));
    FakeCloudWatch.Series added = new FakeCloudWatch.Series("AWS/ECS", "CPUUtilization", new TreeMap<>(Map.of("ClusterName", "prod", "ServiceName", "added")));
    for (int k = 1; k <= 5; k++) {
      cloudWatch.put(api, t0 - k * MINUTE, k);
    }
    ManualClock clock = new ManualClock(System.currentTimeMillis());
    engine = VigilEngine.start(TestEngines.config(dataDir,
        "aws.region=us-east-1",
        "aws.endpointOverride=http://127.0.0.1:" + port,
        "ingest.cloudwatch.enabled=true",
        "ingest.cloudwatch.pollIntervalSeconds=1",
        "ingest.cloudwatch.settleSeconds=0",
        "ingest.cloudwatch.discoveryIntervalMinutes=1"), clock);
    awaitPoints(vertx, engine, points -> points.size() >= 5);
    int listsAtStart = cloudWatch.listCalls.get();

    for (int k = 1; k <= 5; k++) {
      cloudWatch.put(added, t0 - k * MINUTE, 10 + k);
    }
    int polls = cloudWatch.dataSuccesses.get();
    List<JsonObject> beforeDiscovery = awaitPoints(vertx, engine, points -> cloudWatch.dataSuccesses.get() >= polls + 3);
    assertThat(beforeDiscovery).hasSize(5);
    assertThat(cloudWatch.listCalls.get()).as("no discovery before its interval").isEqualTo(listsAtStart);

    clock.advanceSeconds(61);
    List<JsonObject> after = awaitPoints(vertx, engine, points -> points.size() >= 10);
    assertThat(after).hasSize(10);
    assertThat(after).filteredOn(point -> "added".equals(point.getJsonObject("dimensions").getString("ServiceName")))
        .extracting(point -> point.getDouble("value")).containsExactlyInAnyOrder(11.0, 12.0, 13.0, 14.0, 15.0);
    assertOncePerSeriesAndTimestamp(after);
    JsonObject status = sourceStatus(vertx, engine, "cloudwatch-metrics", json -> json.getJsonObject("details").getInteger("series", 0) == 2);
    assertThat(status.getString("state")).isEqualTo("ok");
    cloudWatch.stop().await();
  }

  /**
   * Two targets ask for the Average and the Maximum of one metric: each statistic is read with its
   * own Stat and becomes its own series, the Maximum one with a Statistic dimension.
   */
  @Test
  void eachStatisticOfAMetricIsItsOwnSeries(Vertx vertx) throws Exception {
    FakeCloudWatch cloudWatch = new FakeCloudWatch(100, 100);
    int port = cloudWatch.start(vertx).await();
    long t0 = Math.floorDiv(System.currentTimeMillis(), MINUTE) * MINUTE;
    FakeCloudWatch.Series cpu = new FakeCloudWatch.Series("AWS/ECS", "CPUUtilization", new TreeMap<>(Map.of("ClusterName", "prod", "ServiceName", "api")));
    for (int k = 1; k <= 3; k++) {
      cloudWatch.put(cpu, "Average", t0 - k * MINUTE, 40 + k);
      cloudWatch.put(cpu, "Maximum", t0 - k * MINUTE, 90 + k);
    }
    Path file = dataDir.resolve("statistics.yaml");
    Files.writeString(file, """
        ingest:
          cloudwatch:
            metrics:
              - {namespace: AWS/ECS, metricNames: [CPUUtilization]}
              - {namespace: AWS/ECS, metricNames: [CPUUtilization], statistic: Maximum}
        """);
    VigilConfig config = new ConfigLoader(vertx).file(file).environment(Map.of()).assignments(List.of(
        "http.port=0", "demo.enabled=false", "kafka.partitions=2", "storage.dataDir=" + dataDir.resolve("data"),
        "aws.region=us-east-1", "aws.endpointOverride=http://127.0.0.1:" + port,
        "ingest.cloudwatch.enabled=true", "ingest.cloudwatch.pollIntervalSeconds=1", "ingest.cloudwatch.settleSeconds=0")).load().await();
    engine = VigilEngine.start(config, Clock.systemUTC());
    List<JsonObject> points = awaitPoints(vertx, engine, all -> all.size() >= 6);
    assertThat(points).hasSize(6);
    Map<String, List<Double>> byStatistic = new TreeMap<>();
    Map<String, String> seriesOf = new TreeMap<>();
    for (JsonObject point : points) {
      String statistic = point.getJsonObject("dimensions").getString("Statistic", "Average");
      byStatistic.computeIfAbsent(statistic, key -> new java.util.ArrayList<>()).add(point.getDouble("value"));
      seriesOf.put(statistic, point.getString("seriesId"));
    }
    assertThat(byStatistic.get("Average")).containsExactlyInAnyOrder(41.0, 42.0, 43.0);
    assertThat(byStatistic.get("Maximum")).containsExactlyInAnyOrder(91.0, 92.0, 93.0);
    assertThat(seriesOf.get("Average")).as("the Average keeps the metric's own identity")
        .isEqualTo(SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ClusterName", "prod", "ServiceName", "api")).id());
    assertThat(seriesOf.get("Maximum")).isNotEqualTo(seriesOf.get("Average"));
    assertOncePerSeriesAndTimestamp(points);
    cloudWatch.stop().await();
  }

  private static List<JsonObject> awaitPoints(Vertx vertx, VigilEngine engine, Predicate<List<JsonObject>> done) {
    return Eventually.succeeds(vertx, 120, 500, () -> vertx.executeBlocking(() -> {
      List<JsonObject> points = CommittedTopic.readPoints(engine.bootstrapServers());
      if (!done.test(points)) {
        throw new AssertionError("not yet: " + points.size() + " points");
      }
      return points;
    })).await();
  }

  static JsonObject sourceStatus(Vertx vertx, VigilEngine engine, String name, Predicate<JsonObject> done) {
    WebClient client = WebClient.create(vertx);
    try {
      return Eventually.succeeds(vertx, 120, 250, () -> client.get(engine.httpPort(), "127.0.0.1", "/api/v1/sources").send()
          .compose(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            for (Object item : response.bodyAsJsonObject().getJsonArray("sources")) {
              JsonObject source = (JsonObject) item;
              if (name.equals(source.getString("name")) && done.test(source)) {
                return Future.succeededFuture(source);
              }
            }
            return Future.failedFuture(new AssertionError("source " + name + " not as expected: " + response.bodyAsString()));
          })).await();
    } finally {
      client.close();
    }
  }

  private static void assertOncePerSeriesAndTimestamp(List<JsonObject> points) {
    Map<String, Integer> counts = new HashMap<>();
    for (JsonObject point : points) {
      counts.merge(point.getString("seriesId") + "@" + point.getLong("timestampMillis"), 1, Integer::sum);
    }
    assertThat(counts).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
  }
}
