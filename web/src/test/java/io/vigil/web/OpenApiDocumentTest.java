package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Route;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vigil.config.HttpConfig;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document is a valid contract and describes every route the core router has. */
class OpenApiDocumentTest {

  private Vertx vertx;

  @BeforeEach
  void createVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  @Test
  void documentIsAValidContractCoveringEveryRoute() {
    OpenAPIContract contract = OpenAPIContract.from(vertx, "webroot/openapi.yaml").await();
    Set<String> documented = new TreeSet<>();
    contract.getPaths().forEach(path -> documented.add(path.getName()));

    ApiVerticle api = new ApiVerticle(new HttpConfig("127.0.0.1", 0, 1024, 10, 10, 60), null, null,
        HealthChecks.create(vertx), HealthChecks.create(vertx), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        Clock.systemUTC(), List.of());
    vertx.deployVerticle(api).await();
    Set<String> routed = new TreeSet<>();
    for (Route route : api.router().getRoutes()) {
      String path = route.getPath();
      if (path != null && !path.endsWith("*")) {
        routed.add(path.replaceAll(":([A-Za-z]+)", "{$1}"));
      }
    }
    assertThat(documented).containsAll(routed);
  }
}
