package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vigil.testing.Eventually;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart reads back only what the read side keeps: with room for 10 log events, 60 in the topic
 * are read as their partition's newest 10, which are the ones listed before the restart and after.
 */
class ReadModelRestartTest {

  private static final long START_MILLIS = Instant.parse("2026-11-30T00:00:00Z").toEpochMilli();
  private static final int KEPT = 10;
  private static final int PUSHED = 60;

  @TempDir
  Path dataDir;

  @Test
  void aRestartReadsTheTailTheStoreKeepsNotTheWholeTopic() {
    List<String> before;
    try (VigilEngine first = TestEngines.start(dataDir, "readModel.maxLogEvents=" + KEPT)) {
      Vertx vertx = first.vertx();
      WebClient http = client(vertx, first);
      JsonArray events = new JsonArray();
      for (int i = 0; i < PUSHED; i++) {
        // One log group: one key, one partition.
        events.add(new JsonObject().put("logGroup", "/ecs/tail").put("logStream", "web/1")
            .put("timestamp", START_MILLIS + i * 1_000L).put("message", "request " + i + " served"));
      }
      int status = http.post("/api/v1/logs").sendJsonObject(new JsonObject().put("events", events)).await().statusCode();
      assertThat(status).isEqualTo(202);
      before = Eventually.succeeds(vertx, 150, 200, () -> listed(http).map(messages -> {
        assertThat(messages).hasSize(KEPT).last().isEqualTo("request " + (PUSHED - 1) + " served");
        return messages;
      })).await();
    }
    try (VigilEngine second = TestEngines.start(dataDir, "readModel.maxLogEvents=" + KEPT)) {
      Vertx vertx = second.vertx();
      WebClient http = client(vertx, second);
      JsonObject readModel = Eventually.succeeds(vertx, 150, 200, () -> http.get("/ready").send().map(response -> {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject().getJsonArray("checks").stream().map(JsonObject.class::cast)
            .filter(check -> "readModel".equals(check.getString("id"))).findFirst().orElseThrow().getJsonObject("data");
      })).await();
      // Nothing else is in the read model's topics: no points, anomalies or audited writes.
      assertThat(readModel.getLong("recordsAtStart")).as(readModel.encode()).isEqualTo(KEPT);
      assertThat(listed(http).await()).isEqualTo(before);
    }
  }

  private static io.vertx.core.Future<List<String>> listed(WebClient http) {
    return http.get("/api/v1/logs?logGroup=/ecs/tail&since=0&limit=1000").send().map(response -> {
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      return response.bodyAsJsonObject().getJsonArray("events").stream().map(JsonObject.class::cast)
          .map(event -> event.getString("message")).toList();
    });
  }

  private static WebClient client(Vertx vertx, VigilEngine engine) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
  }
}
