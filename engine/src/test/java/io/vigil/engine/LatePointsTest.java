package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vigil.model.SeriesKey;
import io.vigil.testing.Eventually;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 202 means the point is kept: a point older than one already scored is stored and shown, marked
 * late, and a point stamped ahead of the clock does not make the points after it late.
 */
@ExtendWith(VertxExtension.class)
class LatePointsTest {

  @RegisterExtension
  static final EngineExtension ENGINE = new EngineExtension();

  private static WebClient http(Vertx vertx) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(ENGINE.httpPort()));
  }

  private static JsonObject point(String service, Instant at, double value) {
    return new JsonObject().put("namespace", "Test/Late").put("metric", "Latency")
        .put("dimensions", new JsonObject().put("ServiceName", service)).put("timestamp", at.toString()).put("value", value);
  }

  private static void push(Vertx vertx, JsonObject... points) {
    JsonArray batch = new JsonArray();
    for (JsonObject point : points) {
      batch.add(point);
    }
    int status = http(vertx).post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", batch)).await().statusCode();
    assertThat(status).isEqualTo(202);
  }

  /** The series' stored points, waiting (bounded) until there are {@code count}. */
  private static JsonArray stored(Vertx vertx, String service, int count) {
    String id = SeriesKey.of("Test/Late", "Latency", Map.of("ServiceName", service)).id();
    return Eventually.succeeds(vertx, 100, 200, () -> http(vertx).get("/api/v1/series/" + id + "/points?limit=100").send().map(response -> {
      if (response.statusCode() != 200) {
        throw new IllegalStateException("series not there yet: " + response.statusCode());
      }
      JsonArray points = response.bodyAsJsonObject().getJsonArray("points");
      if (points.size() < count) {
        throw new IllegalStateException(points.size() + " of " + count + " points so far");
      }
      return points;
    })).await();
  }

  @Test
  void anOlderPointIsKeptAndMarkedLate(Vertx vertx) {
    Instant now = Instant.now();
    push(vertx, point("late-api", now.minusSeconds(60), 10));
    stored(vertx, "late-api", 1);
    push(vertx, point("late-api", now.minusSeconds(120), 20));

    JsonArray points = stored(vertx, "late-api", 2);
    JsonObject older = points.getJsonObject(0);
    JsonObject newer = points.getJsonObject(1);
    assertThat(older.getDouble("value")).isEqualTo(20);
    assertThat(older.getBoolean("late")).isTrue();
    assertThat(newer.getDouble("value")).isEqualTo(10);
    assertThat(newer.getBoolean("late")).isFalse();

    JsonObject listed = http(vertx).get("/api/v1/series?q=late-api").send().await().bodyAsJsonObject().getJsonArray("series").getJsonObject(0);
    assertThat(listed.getLong("latePoints")).isEqualTo(1);
    assertThat(listed.getLong("points")).isEqualTo(2);
  }

  @Test
  void aPointAheadOfTheClockDoesNotBlindItsSeries(Vertx vertx) {
    Instant now = Instant.now();
    push(vertx, point("future-api", now.plusSeconds(290), 99));
    push(vertx, point("future-api", now.minusSeconds(3), 1), point("future-api", now.minusSeconds(2), 2), point("future-api", now.minusSeconds(1), 3));

    JsonArray points = stored(vertx, "future-api", 3);
    assertThat(points.size()).as("the future point waits for the clock").isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(points.getJsonObject(i).getBoolean("late")).as("point %d", i).isFalse();
      assertThat(points.getJsonObject(i).getDouble("value")).isEqualTo(i + 1.0);
    }
  }
}
