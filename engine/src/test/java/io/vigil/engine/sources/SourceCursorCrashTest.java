package io.vigil.engine.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.engine.TestEngines;
import io.vigil.engine.VigilEngine;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.cursor.SourceCursors;
import io.vigil.kafka.cursor.TransactionalSourceWriter;
import io.vigil.model.MetricPoint;
import io.vigil.model.SeriesKey;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What kill -9 leaves behind: a source that sent points and a cursor but died before committing.
 * Its successor (same transactional id) fences it, the open transaction is aborted, and readers see
 * only the committed points and the committed cursor, so the source resumes where the data ends.
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class SourceCursorCrashTest {

  @TempDir
  Path dataDir;

  @Test
  void anUncommittedBatchAndItsCursorVanishWhenTheSourceRestarts(Vertx vertx) {
    try (VigilEngine engine = TestEngines.start(dataDir)) {
      String bootstrap = engine.bootstrapServers();
      KafkaEndpoint kafka = KafkaEndpoint.of(engine.config().kafka(), bootstrap);
      SeriesKey series = SeriesKey.of("AWS/RDS", "CPUUtilization", Map.of("DBInstanceIdentifier", "db-1"));

      TransactionalSourceWriter first = TransactionalSourceWriter.create(vertx, kafka, "crash-test");
      first.init().await();
      first.write(List.of(new MetricPoint(series, 60_000, 1, "Percent")), List.of(),
          Map.of(series.id(), new JsonObject().put("watermarkMillis", 60_000))).await();
      first.close().await();

      // The "crashed" process: same transactional id, sends a batch and its cursor, never commits.
      Map<String, Object> properties = new HashMap<>(kafka.producerProperties());
      properties.put("transactional.id", kafka.config().groupPrefix() + "-source-crash-test");
      KafkaProducer<String, String> crashed = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
      crashed.initTransactions();
      crashed.beginTransaction();
      crashed.send(new ProducerRecord<>(Topics.POINTS, series.id(), Wire.point(new MetricPoint(series, 120_000, 2, "Percent")).encode()));
      crashed.send(new ProducerRecord<>(Topics.SOURCE_CURSORS, SourceCursors.key("crash-test", series.id()),
          new JsonObject().put("watermarkMillis", 120_000).encode()));
      crashed.flush();

      // The restarted source: initialising its writer fences the crashed producer and aborts its batch.
      TransactionalSourceWriter restarted = TransactionalSourceWriter.create(vertx, kafka, "crash-test");
      restarted.init().await();
      Map<String, JsonObject> cursors = vertx.executeBlocking(() -> SourceCursors.load(kafka, "crash-test")).await();
      assertThat(cursors).containsOnlyKeys(series.id());
      assertThat(cursors.get(series.id()).getLong("watermarkMillis")).isEqualTo(60_000);
      List<JsonObject> points = vertx.executeBlocking(() -> CommittedTopic.readPoints(bootstrap)).await();
      assertThat(points).extracting(point -> point.getLong("timestampMillis")).containsExactly(60_000L);

      // It then writes the batch again, once.
      restarted.write(List.of(new MetricPoint(series, 120_000, 2, "Percent")), List.of(),
          Map.of(series.id(), new JsonObject().put("watermarkMillis", 120_000))).await();
      points = vertx.executeBlocking(() -> CommittedTopic.readPoints(bootstrap)).await();
      assertThat(points).extracting(point -> point.getLong("timestampMillis")).containsExactly(60_000L, 120_000L);
      restarted.close().await();
      crashed.close(java.time.Duration.ZERO);
    }
  }
}
