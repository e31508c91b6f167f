package io.vigil.web;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vigil.config.HttpConfig;
import io.vigil.model.Anomaly;
import io.vigil.model.LogEvent;
import io.vigil.model.ScoredPoint;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The real ApiVerticle on a free loopback port, without Kafka: pushes that pass validation would
 * need a publisher, so tests stop at the answers given before one (400, 403, 405, 415).
 */
final class TestApi {

  /** A read side with no data; tests override what they list. */
  static class EmptyReadModel implements ReadModel {
    @Override
    public SeriesPage series(SeriesQuery query) {
      return new SeriesPage(List.of(), null);
    }

    @Override
    public Optional<List<ScoredPoint>> points(String seriesId, long fromMillis, long toMillis, int limit) {
      return Optional.empty();
    }

    @Override
    public List<Anomaly> anomalies(long sinceMillis, String service, int limit) {
      return List.of();
    }

    @Override
    public List<LogEvent> logs(String logGroup, long sinceMillis, int limit) {
      return List.of();
    }

    @Override
    public List<JsonObject> audit(long sinceMillis, long untilMillis, String object, int limit) {
      return List.of();
    }
  }

  /** Served by two event loops, so every test sees limits counted over both servers. */
  static HttpConfig loopback() {
    return new HttpConfig("127.0.0.1", 0, 1 << 20, 10, 10, 300).withEventLoops(2);
  }

  /** Deploys the API on its {@code http.eventLoops} and answers with the port it listens on. */
  static Future<Integer> start(Vertx vertx, HttpConfig config, ReadModel readModel, List<ApiExtension> extensions) {
    HealthChecks alive = HealthChecks.create(vertx).register("alive", promise -> promise.complete(Status.OK()));
    ApiVerticle api = new ApiVerticle(config, null, readModel, alive, HealthChecks.create(vertx),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC(), extensions);
    return api.deploy(vertx);
  }

  static WebClient client(Vertx vertx, int port) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  private TestApi() {}
}
