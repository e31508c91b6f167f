package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vigil.kafka.KeyPartitioner;
import io.vigil.model.MetricPoint;
import io.vigil.model.SeriesKey;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import io.vigil.model.WireBatch;
import io.vigil.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an upgraded engine finds on {@code vigil.points}: single-point records of older writers,
 * batch records, a batch with one unreadable point, a record whose batch is no list and bytes that
 * are not JSON. Every
 * readable point is scored and shown, in its series' order, and the stages live on past the bad ones.
 */
class PointBatchRecordsTest {

  private static final long START_MILLIS = Instant.parse("2026-11-30T00:00:00Z").toEpochMilli();
  private static final long STEP_MILLIS = 60_000;
  private static final SeriesKey SERIES = SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", "batches"));

  @TempDir
  Path dataDir;

  @Test
  void oldSingleRecordsBatchesAndBadRecordsTogether() {
    try (VigilEngine engine = TestEngines.start(dataDir, "alerting.enabled=false")) {
      int partition = KeyPartitioner.partitionOf(SERIES.id(), engine.config().kafka().partitions());
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", engine.bootstrapServers()),
          new StringSerializer(), new StringSerializer())) {
        // Points 0-9 as an older engine wrote them, one record each.
        for (int i = 0; i < 10; i++) {
          producer.send(new ProducerRecord<>(Topics.POINTS, SERIES.id(), Wire.point(point(i)).encode()));
        }
        // Points 10-19 in a batch whose middle entry is unreadable.
        JsonObject damaged = WireBatch.ofPoints(List.of(point(10), point(11), point(12), point(13), point(14)));
        damaged.getJsonArray(WireBatch.POINTS).add(new JsonObject().put("namespace", SERIES.namespace()).put("value", "not a number"));
        List.of(point(15), point(16), point(17), point(18), point(19)).forEach(p -> damaged.getJsonArray(WireBatch.POINTS).add(Wire.point(p)));
        producer.send(new ProducerRecord<>(Topics.POINTS, partition, SERIES.id(), damaged.encode()));
        // A record that is no batch and no point, then bytes that are not JSON.
        producer.send(new ProducerRecord<>(Topics.POINTS, partition, SERIES.id(), new JsonObject().put(WireBatch.POINTS, 42).encode()));
        producer.send(new ProducerRecord<>(Topics.POINTS, partition, SERIES.id(), "\u0001\u0002 not json"));
        // Points 20-29 in a good batch.
        producer.send(new ProducerRecord<>(Topics.POINTS, partition, SERIES.id(),
            WireBatch.ofPoints(IntStream.range(20, 30).mapToObj(PointBatchRecordsTest::point).toList()).encode()));
        producer.flush();
      }

      WebClient http = WebClient.create(engine.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
      Eventually.succeeds(engine.vertx(), 150, 200, () -> http.get("/api/v1/series/" + SERIES.id() + "/points?limit=1000").send().map(response -> {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonArray points = response.bodyAsJsonObject().getJsonArray("points");
        List<Long> times = points.stream().map(JsonObject.class::cast).map(p -> p.getLong("timestampMillis")).collect(Collectors.toList());
        assertThat(times).as("every readable point once, in order").containsExactlyElementsOf(
            IntStream.range(0, 30).mapToObj(i -> START_MILLIS + i * STEP_MILLIS).toList());
        return null;
      })).await();
    }
  }

  /**
   * With batch records off (a group being upgraded from a release that reads only single JSON
   * records), what the new engine writes on the point and score topics is exactly what such a
   * release reads: JSON text, one value per record, keyed by its series. And it still scores.
   */
  @Test
  void withBatchRecordsOffEachPointAndScoreIsOneJsonRecordKeyedByItsSeries() {
    try (VigilEngine engine = TestEngines.start(dataDir, "alerting.enabled=false", "kafka.batchRecords=false")) {
      WebClient http = WebClient.create(engine.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
      JsonArray pushed = new JsonArray();
      for (int i = 0; i < 30; i++) {
        pushed.add(new JsonObject().put("namespace", "AWS/ECS").put("metric", "CPUUtilization")
            .put("dimensions", new JsonObject().put("ServiceName", "svc-" + (i % 3)))
            .put("timestamp", Instant.ofEpochMilli(START_MILLIS + (i / 3) * STEP_MILLIS).toString()).put("value", 10.0 + i));
      }
      assertThat(http.post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", pushed)).await().statusCode()).isEqualTo(202);

      Eventually.succeeds(engine.vertx(), 150, 200, () -> engine.vertx().executeBlocking(() -> {
        Map<String, List<String>> points = plainRecords(engine.bootstrapServers(), Topics.POINTS);
        Map<String, List<String>> scores = plainRecords(engine.bootstrapServers(), Topics.SCORES);
        for (Map<String, List<String>> topic : List.of(points, scores)) {
          assertThat(topic.values().stream().mapToInt(List::size).sum()).isEqualTo(30);
          topic.forEach((key, values) -> values.forEach(text -> {
            JsonObject value = new JsonObject(text); // what an older release's JSON deserializer does
            assertThat(value.containsKey(WireBatch.POINTS) || value.containsKey(WireBatch.SCORES)).isFalse();
            assertThat(value.getString("seriesId")).isEqualTo(key);
          }));
        }
        return null;
      })).await();
    }
  }

  /** Every record of {@code topic} as text, by key, read with plain string deserializers. */
  private static Map<String, List<String>> plainRecords(String bootstrap, String topic) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
        new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value()));
      }
    }
    return byKey;
  }

  private static MetricPoint point(int i) {
    return new MetricPoint(SERIES, START_MILLIS + i * STEP_MILLIS, 40 + (i % 5), "Percent");
  }
}
