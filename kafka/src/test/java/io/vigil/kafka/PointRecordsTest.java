package io.vigil.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vigil.model.MetricPoint;
import io.vigil.model.SeriesKey;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import io.vigil.model.WireBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records points travel in, against a real broker's partition count of {@code vigil.points}. */
class PointRecordsTest {

  private static final int PARTITIONS = 3;

  @TempDir
  static Path logDir;

  private static EmbeddedKafka broker;
  private static Vertx vertx;
  private static KafkaProducer<String, JsonObject> producer;

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedKafka.start(logDir);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(Topics.POINTS, PARTITIONS, (short) 1))).all().get(60, TimeUnit.SECONDS);
    }
    vertx = Vertx.vertx();
    producer = KafkaProducer.create(vertx, Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(),
        new RecordValueSerializer(true));
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close().await();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aBatchRecordPerPartitionEachSeriesInTheOrderGiven() {
    List<MetricPoint> points = interleaved(12, 5);
    List<KafkaProducerRecord<String, JsonObject>> records = new PointRecords(producer, true).of(points).await();

    assertThat(records).hasSizeLessThanOrEqualTo(PARTITIONS);
    Map<String, List<Long>> timesBySeries = new LinkedHashMap<>();
    for (KafkaProducerRecord<String, JsonObject> record : records) {
      assertThat(record.topic()).isEqualTo(Topics.POINTS);
      for (JsonObject entry : WireBatch.points(record.value())) {
        MetricPoint point = Wire.point(entry);
        assertThat(KeyPartitioner.partitionOf(point.series().id(), PARTITIONS)).as("the partition of %s", point.series().id())
            .isEqualTo(record.partition());
        timesBySeries.computeIfAbsent(point.series().id(), id -> new ArrayList<>()).add(point.timestampMillis());
      }
    }
    assertThat(timesBySeries).hasSize(12);
    assertThat(timesBySeries.values()).allSatisfy(times -> assertThat(times).containsExactly(0L, 60_000L, 120_000L, 180_000L, 240_000L));
  }

  @Test
  void noRecordCarriesMoreThanTheMostABatchMay() {
    List<MetricPoint> points = interleaved(1, 1_200);
    List<KafkaProducerRecord<String, JsonObject>> records = new PointRecords(producer, true).of(points).await();

    assertThat(records).extracting(record -> WireBatch.points(record.value()).size()).containsExactly(500, 500, 200);
    assertThat(records.stream().flatMap(record -> WireBatch.points(record.value()).stream()).map(Wire::point).toList()).isEqualTo(points);
  }

  @Test
  void withBatchRecordsOffEachPointIsOneRecordKeyedByItsSeries() {
    List<MetricPoint> points = interleaved(4, 3);
    List<KafkaProducerRecord<String, JsonObject>> records = new PointRecords(producer, false).of(points).await();

    assertThat(records).hasSize(12);
    assertThat(records).allSatisfy(record -> {
      assertThat(record.key()).isEqualTo(Wire.point(record.value()).series().id());
      assertThat(record.partition()).as("left to the producer's partitioner").isNull();
    });
    assertThat(new PointRecords(producer, true).of(List.of()).await()).isEmpty();
  }

  /** {@code perSeries} points of each of {@code series} series, a minute apart, the series taking turns. */
  private static List<MetricPoint> interleaved(int series, int perSeries) {
    List<MetricPoint> points = new ArrayList<>();
    for (int t = 0; t < perSeries; t++) {
      for (int s = 0; s < series; s++) {
        points.add(new MetricPoint(SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", "svc-" + s)), t * 60_000L, s + t, "Percent"));
      }
    }
    return points;
  }
}
