package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vigil.model.Anomaly;
import io.vigil.model.SeriesKey;
import io.vigil.testing.Eventually;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one Kafka cluster: the second is configured with {@code kafka.bootstrapServers}
 * (the external-cluster path) and joins the first's consumer groups. The detection stage's
 * partitions are split between them, a series' state moves with its partition, and each process's
 * API shows every anomaly, whichever process detected it.
 */
class ScaleOutTest {

  private static final long START_MILLIS = Instant.parse("2026-11-26T00:00:00Z").toEpochMilli();
  private static final long STEP_MILLIS = 60_000;
  private static final List<String> SERVICES = IntStream.range(0, 6).mapToObj(i -> "shard-" + i).toList();

  @TempDir
  Path firstDir;

  @TempDir
  Path secondDir;

  @Test
  void twoProcessesShareTheDetectionWorkAndBothServeEveryAnomaly() throws Exception {
    try (VigilEngine first = TestEngines.start(firstDir, "kafka.partitions=4");
         VigilEngine second = TestEngines.start(secondDir, "kafka.bootstrapServers=" + first.bootstrapServers(), "kafka.partitions=4")) {
      assertThat(second.bootstrapServers()).isEqualTo(first.bootstrapServers());
      Vertx vertx = second.vertx();
      awaitDetectionMembers(first.bootstrapServers(), 2);

      WebClient toSecond = client(vertx, second);
      WebClient toFirst = client(vertx, first);
      for (String service : SERVICES) {
        push(toSecond, service).await();
      }
      Set<String> expected = SERVICES.stream()
          .map(service -> Anomaly.idFor(series(service).id(), START_MILLIS + 300 * STEP_MILLIS))
          .collect(Collectors.toSet());
      for (WebClient api : List.of(toFirst, toSecond)) {
        Eventually.succeeds(vertx, 300, 200, () -> api.get("/api/v1/anomalies?limit=1000").send().map(response -> {
          Set<String> ids = response.bodyAsJsonObject().getJsonArray("anomalies").stream()
              .map(item -> ((JsonObject) item).getString("id")).collect(Collectors.toSet());
          assertThat(ids).containsAll(expected);
          return null;
        })).await();
      }
    }
  }

  private static void awaitDetectionMembers(String bootstrap, int members) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("vigil-detection")).all().get().get("vigil-detection");
        if (group.members().size() == members && group.members().stream().allMatch(member -> !member.assignment().topicPartitions().isEmpty())) {
          return;
        }
        assertThat(System.nanoTime()).as("detection group never had %d members with partitions: %s", members, group).isLessThan(deadline);
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
  }

  private static SeriesKey series(String service) {
    return SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", service));
  }

  private static WebClient client(Vertx vertx, VigilEngine engine) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
  }

  /** 300 points of N(50,1) and a spike to 95 at index 300. */
  private static Future<Void> push(WebClient http, String service) {
    SplittableRandom random = new SplittableRandom(service.hashCode());
    JsonArray points = new JsonArray();
    for (int i = 0; i <= 300; i++) {
      points.add(new JsonObject().put("namespace", "AWS/ECS").put("metric", "CPUUtilization")
          .put("dimensions", new JsonObject().put("ServiceName", service))
          .put("timestamp", START_MILLIS + i * STEP_MILLIS)
          .put("value", i == 300 ? 95.0 : 50 + random.nextGaussian()));
    }
    return http.post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", points)).map(response -> {
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
      return null;
    });
  }
}
