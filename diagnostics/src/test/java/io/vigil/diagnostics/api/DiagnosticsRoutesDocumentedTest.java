package io.vigil.diagnostics.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vigil.testing.OpenApiPaths;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every route diagnostics adds to the API is described in the served OpenAPI document. */
class DiagnosticsRoutesDocumentedTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  @Test
  void everyDiagnosticsRouteIsInTheOpenApiDocument() {
    Router router = Router.router(vertx);
    new DiagnosticsRoutes(new DiagnosisBoard(5), Clock.systemUTC(), 24).mount(router, vertx);
    assertThat(OpenApiPaths.routed(router)).containsExactlyInAnyOrder("/api/v1/diagnostics", "/api/v1/diagnostics/{service}");
    assertThat(OpenApiPaths.documented()).containsAll(OpenApiPaths.routed(router));
  }
}
