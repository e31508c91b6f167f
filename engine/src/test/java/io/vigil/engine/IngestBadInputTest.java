package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vigil.testing.Eventually;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bad pushes get a 4xx naming each bad field, nothing of the batch is stored, and the engine keeps going. */
@ExtendWith(VertxExtension.class)
class IngestBadInputTest {

  @TempDir
  static Path dataDir;

  private static VigilEngine engine;

  @BeforeAll
  static void startEngine() {
    engine = TestEngines.start(dataDir, "http.bodyLimitBytes=4096", "http.maxPointsPerRequest=5");
  }

  @AfterAll
  static void stopEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  private static JsonObject point(String metric, Object value) {
    return new JsonObject().put("namespace", "Test").put("metric", metric)
        .put("dimensions", new JsonObject().put("ServiceName", "bad-input"))
        .put("timestamp", Instant.now().minusSeconds(60).toString()).put("value", value);
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void badBatchesAreRefusedWholeWithTheFieldsNamed(Vertx vertx, VertxTestContext test) {
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
    JsonObject mixed = new JsonObject().put("points", new JsonArray()
        .add(point("Good", 1.0))
        .add(point("WrongType", "1.0"))
        .add(point("Future", 1.0).put("timestamp", Instant.now().plusSeconds(86_400).toString())));
    JsonArray six = new JsonArray();
    for (int i = 0; i < 6; i++) {
      six.add(point("Many", i));
    }
    String huge = "{\"points\":[" + "x".repeat(5000) + "]}";

    Future<HttpResponse<Buffer>> malformed = http.post("/api/v1/metrics").putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"points\": [")) ;
    Future<HttpResponse<Buffer>> invalid = malformed.compose(r -> http.post("/api/v1/metrics").sendJsonObject(mixed));
    Future<HttpResponse<Buffer>> tooMany = invalid.compose(r -> http.post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", six)));
    Future<HttpResponse<Buffer>> tooLarge = tooMany.compose(r -> http.post("/api/v1/metrics").putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(huge)));
    Future<HttpResponse<Buffer>> badLogs = tooLarge.compose(r -> http.post("/api/v1/logs").sendJsonObject(new JsonObject().put("events", new JsonArray().add(new JsonObject().put("logGroup", "")))));
    Future<HttpResponse<Buffer>> good = badLogs.compose(r -> http.post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", new JsonArray().add(point("Good", 2.0)))));

    good.onComplete(test.succeeding(last -> test.verify(() -> {
      assertError(malformed.result(), 400, "body");
      assertError(invalid.result(), 400, "points[1].value", "points[2].timestamp");
      assertError(tooMany.result(), 413, "points");
      assertError(tooLarge.result(), 413, "body");
      assertError(badLogs.result(), 400, "events[0].logGroup", "events[0].timestamp", "events[0].message");
      assertThat(last.statusCode()).isEqualTo(202);
      assertThat(last.bodyAsJsonObject().getInteger("accepted")).isEqualTo(1);
    }))).compose(ignored -> Eventually.succeeds(vertx, 100, 200, () -> http.get("/api/v1/series").send().map(response -> {
      JsonArray series = response.bodyAsJsonObject().getJsonArray("series");
      // Only the good push of the end arrives; nothing of the refused batch, not even its valid point.
      assertThat(series.size()).isEqualTo(1);
      JsonObject only = series.getJsonObject(0);
      assertThat(only.getString("metric")).isEqualTo("Good");
      assertThat(only.getLong("points")).isEqualTo(1);
      assertThat(only.getDouble("lastValue")).isEqualTo(2.0);
      return null;
    }))).onComplete(test.succeedingThenComplete());
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String... fields) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("error")).isNotBlank();
    assertThat(body.getJsonArray("details").stream().map(JsonObject.class::cast).map(detail -> detail.getString("field")))
        .containsExactly(fields);
  }
}
