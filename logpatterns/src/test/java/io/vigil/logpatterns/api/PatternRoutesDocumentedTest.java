package io.vigil.logpatterns.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vigil.testing.OpenApiPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every route the log-patterns stage adds to the API is described in the served OpenAPI document. */
class PatternRoutesDocumentedTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  @Test
  void everyPatternRouteIsInTheOpenApiDocument() {
    Router router = Router.router(vertx);
    new PatternRoutes(new PatternBoard()).mount(router, vertx);
    assertThat(OpenApiPaths.routed(router)).containsExactly("/api/v1/logs/patterns");
    assertThat(OpenApiPaths.documented()).containsAll(OpenApiPaths.routed(router));
  }
}
