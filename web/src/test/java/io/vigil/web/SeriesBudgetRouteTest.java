package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vigil.model.SeriesKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A push that would add series beyond the budget gets 429 naming the limit, and /metrics shows the budget. */
@ExtendWith(VertxExtension.class)
class SeriesBudgetRouteTest {

  /** A budget that is full: it admits nothing new. */
  private static final SeriesBudget FULL = new SeriesBudget() {
    @Override
    public Optional<Refusal> admit(Collection<SeriesKey> series) {
      return Optional.of(new Refusal("series.maxSeries", "process", 7, 7, series.size()));
    }

    @Override
    public long count() {
      return 7;
    }

    @Override
    public long limit() {
      return 7;
    }
  };

  @Test
  void aNewSeriesBeyondTheLimitIs429AndTheBudgetIsAMetric(Vertx vertx) {
    ApiVerticle api = new ApiVerticle(TestApi.loopback(), null, new TestApi.EmptyReadModel(), HealthChecks.create(vertx),
        HealthChecks.create(vertx), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC(), List.of())
        .withSeriesBudget(FULL);
    vertx.deployVerticle(api).await();
    JsonObject point = new JsonObject().put("namespace", "AWS/ECS").put("metric", "CPUUtilization")
        .put("dimensions", new JsonObject().put("ServiceName", "api")).put("timestamp", Instant.now().toString()).put("value", 1);
    HttpResponse<?> pushed = TestApi.client(vertx, api.actualPort()).post("/api/v1/metrics")
        .sendJsonObject(new JsonObject().put("points", new JsonArray().add(point))).await();
    assertThat(pushed.statusCode()).isEqualTo(429);
    assertThat(pushed.getHeader("Retry-After")).isNotNull();
    JsonObject error = pushed.bodyAsJsonObject();
    assertThat(error.getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("points");
    assertThat(error.getJsonArray("details").getJsonObject(0).getString("message")).isEqualTo("would add 1 series beyond series.maxSeries (7; 7 known)");

    String metrics = TestApi.client(vertx, api.actualPort()).get("/metrics").send().await().bodyAsString();
    assertThat(metrics).contains("vigil_series 7.0").contains("vigil_series_limit 7.0").contains("vigil_series_refused_total 1.0");
  }
}
