package io.vigil.engine.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a restart /ready answers 503 "catching up" while the read model replays the history, and
 * 200 only when all of it can be read through the API.
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class ReadinessCatchUpTest {

  private static final int SERIES = 4;
  private static final int POINTS_PER_SERIES = 5_000;

  @TempDir
  Path dataDir;

  @Test
  void readyOnlyOnceTheHistoryIsVisible(Vertx vertx) {
    List<SeriesKey> series = new ArrayList<>();
    for (int i = 0; i < SERIES; i++) {
      series.add(SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ClusterName", "prod", "ServiceName", "catch-up-" + i)));
    }
    long now = System.currentTimeMillis();
    VigilEngine engine = TestEngines.start(dataDir);
    try {
      KafkaProducer<String, JsonObject> producer = KafkaProducer.create(vertx,
          engine.config().kafka().producerProperties(engine.bootstrapServers()), String.class, JsonObject.class);
      List<Future<?>> sent = new ArrayList<>();
      for (int p = 0; p < POINTS_PER_SERIES; p++) {
        long at = now - (POINTS_PER_SERIES - p) * 1000L;
        for (SeriesKey key : series) {
          ScoredPoint point = new ScoredPoint(key, "history", at, p, 0.1, 0, 100, "level");
          sent.add(producer.send(KafkaProducerRecord.create(Topics.SCORES, key.id(), Wire.scoredPoint(point), at, null)));
        }
      }
      Future.all(sent).await();
      producer.close().await();
    } finally {
      engine.close();
    }

    engine = TestEngines.start(dataDir);
    try {
      WebClient http = WebClient.create(vertx);
      int port = engine.httpPort();
      AtomicInteger polls = new AtomicInteger();
      // Retried only while /ready says 503; the first 200 is checked once, against the API.
      int catchingUp = Eventually.succeeds(vertx, 600, 50, () -> http.get(port, "127.0.0.1", "/ready").send().map(ready -> {
        if (ready.statusCode() == 503) {
          JsonObject readModel = check(ready.bodyAsJsonObject(), "readModel");
          assertThat(readModel.getJsonObject("data").getString("status")).as(ready.bodyAsString()).isIn("starting", "catching up");
          polls.incrementAndGet();
          throw new IllegalStateException("still catching up: " + readModel.getJsonObject("data"));
        }
        return ready;
      })).compose(ready -> {
        assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200);
        JsonObject progress = check(ready.bodyAsJsonObject(), "readModel").getJsonObject("data");
        assertThat(progress.getString("status")).isEqualTo("caught up");
        assertThat(progress.getLong("recordsRead")).isEqualTo(progress.getLong("recordsAtStart")).isEqualTo((long) SERIES * POINTS_PER_SERIES);
        List<Future<Integer>> counts = series.stream().map(key -> http.get(port, "127.0.0.1", "/api/v1/series/" + key.id() + "/points?limit=10000")
            .send().map(points -> points.statusCode() == 200 ? points.bodyAsJsonObject().getJsonArray("points").size() : 0)).toList();
        return Future.all(counts).map(all -> {
          counts.forEach(count -> assertThat(count.result()).as("points visible once /ready said 200").isEqualTo(POINTS_PER_SERIES));
          return polls.get();
        });
      }).await();
      // Not asserted: on a fast machine the history may be read before the first poll.
      System.out.println("/ready answered 503 catching up " + catchingUp + " times");
    } finally {
      engine.close();
    }
  }

  private static JsonObject check(JsonObject body, String id) {
    return body.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(check -> id.equals(check.getString("id"))).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + id + " in " + body.encode()));
  }
}
