package io.vigil.deployments.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vigil.config.AuthConfig;
import io.vigil.config.HttpConfig;
import io.vigil.testing.OpenApiPaths;
import io.vigil.web.AuditTrail;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every route the deployments module adds to the API is described in the served OpenAPI document. */
class DeploymentsRoutesDocumentedTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  @Test
  void everyDeploymentsRouteIsInTheOpenApiDocument() {
    Router router = Router.router(vertx);
    new DeploymentsRoutes(new DeploymentBoard(), event -> Future.succeededFuture(),
        new AuditTrail((key, record, requestId) -> Future.succeededFuture(), Clock.systemUTC(), false), new AuthConfig(""),
        new HttpConfig("127.0.0.1", 0, 1 << 20, 10, 10, 10), Clock.systemUTC()).mount(router, vertx);
    assertThat(OpenApiPaths.routed(router)).containsExactlyInAnyOrder("/api/v1/deployments", "/api/v1/deployments/{id}",
        "/api/v1/deployments/{id}/snapshot", "/api/v1/deployments/{id}/events");
    assertThat(OpenApiPaths.documented()).containsAll(OpenApiPaths.routed(router));
  }
}
