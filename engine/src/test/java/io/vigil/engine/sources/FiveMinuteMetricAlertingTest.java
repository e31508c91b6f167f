package io.vigil.engine.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.engine.VigilEngine;
import io.vigil.model.Topics;
import io.vigil.testing.Eventually;
import io.vigil.testing.ReceiverStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert freshness on a real engine: a 5-minute CloudWatch metric, served by the CBOR CloudWatch fake
 * (stamped with the start of its period, emitted a settle delay after its end, so it reaches
 * detection more than six minutes after its timestamp), pages once through a loopback webhook; a
 * replayed week of history pushed as {@code ./vigil replay} pushes it, spikes and all, pages never.
 * Here rather than beside the alerting tests because the fake lives with the source tests.
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class FiveMinuteMetricAlertingTest {

  private static final long PERIOD = 5 * 60_000;
  private static final int BASELINE_POINTS = 600;

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

  @Test
  void aFiveMinuteMetricsSpikePagesOnceAndAReplayedWeekNever(Vertx vertx) throws Exception {
    FakeCloudWatch cloudWatch = new FakeCloudWatch(100, 1000);
    int port = cloudWatch.start(vertx).await();
    ReceiverStub receiver = new ReceiverStub().start(vertx).await();
    long now = System.currentTimeMillis();
    // The newest settled period: ended at least a minute (the settle delay) ago, well inside the trailing window.
    long spikeAt = Math.floorDiv(now - PERIOD - 60_000, PERIOD) * PERIOD;
    FakeCloudWatch.Series db = new FakeCloudWatch.Series("AWS/RDS", "CPUUtilization", new TreeMap<>(Map.of("DBInstanceIdentifier", "orders-db")));
    SplittableRandom random = new SplittableRandom(11);
    for (int k = BASELINE_POINTS; k >= 1; k--) {
      cloudWatch.put(db, spikeAt - k * PERIOD, 40 + random.nextGaussian());
    }
    Path file = dataDir.resolve("five-minute.yaml");
    Files.writeString(file, """
        ingest:
          cloudwatch:
            metrics:
              - {namespace: AWS/RDS, metricNames: [CPUUtilization], periodSeconds: 300}
        """);
    VigilConfig config = new ConfigLoader(vertx).file(file).environment(Map.of()).assignments(List.of(
        "http.port=0", "demo.enabled=false", "kafka.partitions=2", "detection.checkpointIntervalSeconds=1",
        "storage.dataDir=" + dataDir.resolve("data"),
        "aws.region=us-east-1", "aws.endpointOverride=http://127.0.0.1:" + port,
        "ingest.cloudwatch.enabled=true", "ingest.cloudwatch.pollIntervalSeconds=1", "ingest.cloudwatch.settleSeconds=60",
        "ingest.cloudwatch.trailingWindowMinutes=15", "ingest.cloudwatch.maxCatchUpMinutes=" + (BASELINE_POINTS + 10) * 5,
        "alerting.allowPrivateReceivers=true", "alerting.tickMillis=100")).load().await();
    engine = VigilEngine.start(config, Clock.systemUTC());
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
    subscribe(vertx, http, "orders-db", receiver.url("/orders-db"));
    subscribe(vertx, http, "replayed", receiver.url("/replayed"));
    awaitTopic(vertx, Topics.POINTS, points -> points.size() >= BASELINE_POINTS);

    // The spike is older than the old fixed five minutes when detection sees it, and pages.
    cloudWatch.put(db, spikeAt, 95);
    List<ReceiverStub.Received> paged = Eventually.succeeds(vertx, 240, 250, () -> {
      assertThat(receiver.at("/orders-db")).isNotEmpty();
      return Future.succeededFuture(receiver.at("/orders-db"));
    }).await();
    JsonObject body = paged.get(0).json();
    assertThat(body.getString("status")).isEqualTo("firing");
    JsonObject alert = body.getJsonArray("alerts").getJsonObject(0);
    assertThat(alert.getJsonObject("labels").getString("service")).isEqualTo("orders-db");
    assertThat(alert.getString("startsAt")).isEqualTo(java.time.Instant.ofEpochMilli(spikeAt).toString());
    List<JsonObject> dbAnomalies = awaitTopic(vertx, Topics.ANOMALIES, all -> !ofService(all, "orders-db").isEmpty());
    // The catch-up read of the baseline is history: whatever it raised was not paged.
    assertThat(ofService(dbAnomalies, "orders-db")).filteredOn(anomaly -> !anomaly.getBoolean("history", false))
        .singleElement().satisfies(anomaly -> {
          assertThat(anomaly.getLong("timestampMillis")).isEqualTo(spikeAt);
          assertThat(anomaly.getLong("periodMillis")).isEqualTo(PERIOD);
        });

    // A replayed week, pushed as ./vigil replay pushes it ("history": true), with a spike half-way and one
    // at its fresh end: detection flags both, alerting pages for neither.
    long weekEnd = Math.floorDiv(System.currentTimeMillis(), PERIOD) * PERIOD - PERIOD;
    int weekPoints = 7 * 24 * 12;
    JsonArray batch = new JsonArray();
    for (int i = 0; i < weekPoints; i++) {
      boolean spike = i == weekPoints / 2 || i == weekPoints - 1;
      batch.add(new JsonObject().put("namespace", "Replay").put("metric", "orders.csv")
          .put("dimensions", new JsonObject().put("ServiceName", "replayed"))
          .put("timestamp", weekEnd - (weekPoints - 1 - i) * PERIOD)
          .put("value", spike ? 400 : 40 + random.nextGaussian()));
      if (batch.size() == 1000 || i == weekPoints - 1) {
        int status = http.post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", batch).put("history", true)).await().statusCode();
        assertThat(status).isEqualTo(202);
        batch = new JsonArray();
      }
    }
    List<JsonObject> anomalies = awaitTopic(vertx, Topics.ANOMALIES, all -> ofService(all, "replayed").stream()
        .anyMatch(anomaly -> anomaly.getLong("timestampMillis") == weekEnd));
    assertThat(ofService(anomalies, "replayed")).isNotEmpty().allSatisfy(anomaly -> assertThat(anomaly.getBoolean("history")).isTrue());
    awaitAlertingCaughtUp(vertx);
    assertThat(CommittedTopic.readAll(engine.bootstrapServers(), Topics.ALERTS))
        .noneMatch(stored -> "replayed".equals(stored.getJsonObject("labels").getString("service")));
    assertThat(CommittedTopic.readAll(engine.bootstrapServers(), Topics.OUTBOX))
        .noneMatch(notification -> "replayed".equals(notification.getString("subscription")));
    assertThat(receiver.at("/replayed")).isEmpty();
    assertThat(receiver.at("/orders-db")).as("one incident, one page").hasSize(1);
    http.close();
    cloudWatch.stop().await();
  }

  private static void subscribe(Vertx vertx, WebClient http, String service, String url) {
    JsonObject subscription = new JsonObject().put("name", service)
        .put("match", new JsonObject().put("service", service))
        .put("receiver", new JsonObject().put("type", "webhook").put("url", url))
        .put("groupBy", new JsonArray().add("service")).put("groupWait", "0s").put("groupInterval", "1s").put("repeatInterval", "1h");
    int status = http.post("/api/v1/subscriptions").sendJsonObject(subscription).await().statusCode();
    assertThat(status).isEqualTo(201);
  }

  private static List<JsonObject> ofService(List<JsonObject> anomalies, String service) {
    return anomalies.stream().filter(anomaly -> service.equals(anomaly.getString("service"))).toList();
  }

  private List<JsonObject> awaitTopic(Vertx vertx, String topic, java.util.function.Predicate<List<JsonObject>> done) {
    return Eventually.succeeds(vertx, 240, 500, () -> vertx.executeBlocking(() -> {
      List<JsonObject> records = Topics.POINTS.equals(topic) ? CommittedTopic.readPoints(engine.bootstrapServers())
          : CommittedTopic.readAll(engine.bootstrapServers(), topic);
      if (!done.test(records)) {
        throw new AssertionError("not yet: " + records.size() + " values on " + topic);
      }
      return records;
    })).await();
  }

  /** Waits until the alerting stage committed every anomaly written so far: it commits only after what they caused is in Kafka. */
  private void awaitAlertingCaughtUp(Vertx vertx) {
    Eventually.succeeds(vertx, 240, 500, () -> vertx.executeBlocking(() -> {
      try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", engine.bootstrapServers()))) {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(engine.config().kafka().group("alerting"))
            .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = List.of(0, 1).stream()
            .collect(Collectors.toMap(partition -> new TopicPartition(Topics.ANOMALIES, partition), partition -> OffsetSpec.latest()));
        admin.listOffsets(latest).all().get().forEach((partition, end) -> {
          OffsetAndMetadata at = committed.get(partition);
          assertThat(at == null ? 0 : at.offset()).as("alerting's committed offset of " + partition).isGreaterThanOrEqualTo(end.offset());
        });
      }
      return null;
    })).await();
  }
}
