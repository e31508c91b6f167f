package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vigil.model.SeriesKey;
import io.vigil.testing.Eventually;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * New series beyond the process's limit or a namespace's are refused with 429 naming the limit,
 * while known series keep flowing, nothing accepted before is lost, and the refusals are counted.
 */
@ExtendWith(VertxExtension.class)
class SeriesLimitsTest {

  @RegisterExtension
  static final EngineExtension ENGINE = new EngineExtension("series.maxSeries=5", "series.maxSeriesPerNamespace=3",
      "series.namespaceLimits.Test/Tiny=1");

  private WebClient http;

  private WebClient http(Vertx vertx) {
    if (http == null) {
      http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(ENGINE.httpPort()));
    }
    return http;
  }

  private static final Instant START = Instant.now().minusSeconds(600);
  private int pushes;

  /** Every push is a minute after the one before, so a known series' points never share a time. */
  private JsonObject point(String namespace, String service) {
    return new JsonObject().put("namespace", namespace).put("metric", "CPUUtilization")
        .put("dimensions", new JsonObject().put("ServiceName", service)).put("timestamp", START.plusSeconds(60L * pushes).toString())
        .put("value", 10);
  }

  private HttpResponse<?> push(Vertx vertx, JsonObject... points) {
    pushes++;
    return http(vertx).post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", new JsonArray(List.of((Object[]) points))))
        .await();
  }

  private static String message(HttpResponse<?> refused) {
    return refused.bodyAsJsonObject().getJsonArray("details").getJsonObject(0).getString("message");
  }

  @Test
  void eachLimitRefusesOnlyWhatIsNewAndSaysWhichLimit(Vertx vertx) {
    assertThat(push(vertx, point("Test/Limits", "a"), point("Test/Limits", "b"), point("Test/Limits", "c")).statusCode()).isEqualTo(202);

    HttpResponse<?> namespaceFull = push(vertx, point("Test/Limits", "d"), point("Test/Other", "x"));
    assertThat(namespaceFull.statusCode()).isEqualTo(429);
    assertThat(namespaceFull.getHeader("Retry-After")).isNotNull();
    assertThat(message(namespaceFull)).isEqualTo("would add 1 series beyond series.maxSeriesPerNamespace for namespace Test/Limits (3; 3 known)");

    assertThat(push(vertx, point("Test/Tiny", "t")).statusCode()).isEqualTo(202);
    HttpResponse<?> ownLimit = push(vertx, point("Test/Tiny", "u"));
    assertThat(ownLimit.statusCode()).isEqualTo(429);
    assertThat(message(ownLimit)).contains("series.namespaceLimits for namespace Test/Tiny (1; 1 known)");

    assertThat(push(vertx, point("Test/Other", "x")).statusCode()).as("the fifth series of the process").isEqualTo(202);
    HttpResponse<?> processFull = push(vertx, point("Test/Other", "y"));
    assertThat(processFull.statusCode()).isEqualTo(429);
    assertThat(message(processFull)).isEqualTo("would add 1 series beyond series.maxSeries (5; 5 known)");

    assertThat(push(vertx, point("Test/Limits", "a"), point("Test/Tiny", "t"), point("Test/Other", "x")).statusCode())
        .as("known series always flow").isEqualTo(202);

    String known = SeriesKey.of("Test/Limits", "CPUUtilization", Map.of("ServiceName", "a")).id();
    int stored = Eventually.succeeds(vertx, 100, 200, () -> http(vertx).get("/api/v1/series/" + known + "/points?limit=10").send().map(response -> {
      JsonArray points = response.statusCode() == 200 ? response.bodyAsJsonObject().getJsonArray("points") : new JsonArray();
      if (points.size() < 2) {
        throw new IllegalStateException(points.size() + " of 2 points so far");
      }
      return points.size();
    })).await();
    assertThat(stored).isEqualTo(2);

    String metrics = http(vertx).get("/metrics").send().await().bodyAsString();
    assertThat(metrics).contains("vigil_series_refused_total 3.0").contains("vigil_series 5.0");
  }
}
