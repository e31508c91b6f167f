package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vigil.config.ConnectionLimits;
import io.vigil.config.HttpConfig;
import io.vigil.config.StreamLimits;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One address beyond http.requestsPerSecond gets 429 with Retry-After naming the limit; /health is never held to it. */
@ExtendWith(VertxExtension.class)
class RequestRateLimitTest {

  @Test
  void anAddressBeyondItsBurstIsRefusedWhileHealthStillAnswers(Vertx vertx) {
    // One request per 100 s after a burst of two, so the third is refused however slow the machine.
    ConnectionLimits limits = new ConnectionLimits(60, 10_000, 256, 0.01, 2);
    HttpConfig config = new HttpConfig("127.0.0.1", 0, 1 << 20, 10, 10, 300, List.of(), List.of(), limits, StreamLimits.DEFAULTS, 2);
    int port = TestApi.start(vertx, config, new TestApi.EmptyReadModel(), List.of()).await();
    // A connection per request: they are dealt to both event loops, and the limit counts them all.
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(false));

    assertThat(http.get("/api/v1/series").send().await().statusCode()).isEqualTo(200);
    assertThat(http.get("/api/v1/anomalies").send().await().statusCode()).isEqualTo(200);
    HttpResponse<?> refused = http.get("/api/v1/series").send().await();

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 100L);
    JsonObject body = refused.bodyAsJsonObject();
    assertThat(body.getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("http.requestsPerSecond");
    assertThat(body.getJsonArray("details").getJsonObject(0).getString("message")).contains("0.01 a second, 2 at once");
    for (int i = 0; i < 5; i++) {
      assertThat(http.get("/health").send().await().statusCode()).as("liveness is not rate-limited").isEqualTo(200);
    }
    assertThat(http.get("/metrics").send().await().bodyAsString()).contains("vigil_http_requests_limited_total 1.0");
  }
}
