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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
            WireBatch.ofPoints(java.util.stream.IntStream.range(20, 30).mapToObj(PointBatchRecordsTest::point).toList()).encode()));
        producer.flush();
      }

      WebClient http = WebClient.create(engine.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
      Eventually.succeeds(engine.vertx(), 150, 200, () -> http.get("/api/v1/series/" + SERIES.id() + "/points?limit=1000").send().map(response -> {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonArray points = response.bodyAsJsonObject().getJsonArray("points");
        List<Long> times = points.stream().map(JsonObject.class::cast).map(p -> p.getLong("timestampMillis")).collect(Collectors.toList());
        assertThat(times).as("every readable point once, in order").containsExactlyElementsOf(
            java.util.stream.IntStream.range(0, 30).mapToObj(i -> START_MILLIS + i * STEP_MILLIS).toList());
        return null;
      })).await();
    }
  }

  private static MetricPoint point(int i) {
    return new MetricPoint(SERIES, START_MILLIS + i * STEP_MILLIS, 40 + (i % 5), "Percent");
  }
}
