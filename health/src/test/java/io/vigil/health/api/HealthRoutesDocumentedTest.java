package io.vigil.health.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vigil.testing.OpenApiPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every route the health stage adds to the API is described in the served OpenAPI document. */
class HealthRoutesDocumentedTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  @Test
  void everyHealthRouteIsInTheOpenApiDocument() {
    Router router = Router.router(vertx);
    new HealthRoutes(new HealthBoard()).mount(router, vertx);
    assertThat(OpenApiPaths.routed(router)).containsExactlyInAnyOrder("/api/v1/health", "/api/v1/health/{service}");
    assertThat(OpenApiPaths.documented()).containsAll(OpenApiPaths.routed(router));
  }
}
