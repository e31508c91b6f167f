package io.vigil.engine.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vigil.engine.TestEngines;
import io.vigil.engine.VigilEngine;
import io.vigil.model.ScoredPoint;
import io.vigil.model.SeriesKey;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import io.vigil.testing.Eventually;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * At start the read model reads scored points back only from {@code readModel.scoresHistoryHours}
 * ago, by Kafka record time, and the rest (here an anomaly written as long ago) in full.
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class ReadModelHistoryTest {

  private static final long HOUR = 3_600_000L;

  @TempDir
  Path dataDir;

  @Test
  void scoresOlderThanTheHistoryAreNotReadBackAtStart(Vertx vertx) {
    SeriesKey series = SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ClusterName", "prod", "ServiceName", "history"));
    long now = System.currentTimeMillis();
    VigilEngine engine = TestEngines.start(dataDir, "readModel.scoresHistoryHours=24");
    try {
      KafkaProducer<String, JsonObject> producer = KafkaProducer.create(vertx,
          engine.config().kafka().producerProperties(engine.bootstrapServers()), String.class, JsonObject.class);
      for (long hoursAgo : List.of(30L, 25L, 23L, 2L)) {
        long at = now - hoursAgo * HOUR;
        ScoredPoint point = new ScoredPoint(series, "history", at, hoursAgo, 0.1, 0, 100, "level");
        producer.send(KafkaProducerRecord.create(Topics.SCORES, series.id(), Wire.scoredPoint(point), at, null)).await();
      }
      producer.close().await();
    } finally {
      engine.close();
    }

    engine = TestEngines.start(dataDir, "readModel.scoresHistoryHours=24");
    try {
      WebClient http = WebClient.create(vertx);
      int port = engine.httpPort();
      List<Double> values = Eventually.succeeds(vertx, 100, 100, () -> http.get(port, "127.0.0.1", "/api/v1/series/" + series.id() + "/points").send()
          .map(response -> {
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
            List<Double> read = response.bodyAsJsonObject().getJsonArray("points").stream()
                .map(point -> ((JsonObject) point).getDouble("value")).toList();
            assertThat(read).hasSize(2);
            return read;
          })).await();
      assertThat(values).as("the points of the last 24 hours, not those of 25 and 30 hours ago").containsExactly(23.0, 2.0);
    } finally {
      engine.close();
    }
  }
}
