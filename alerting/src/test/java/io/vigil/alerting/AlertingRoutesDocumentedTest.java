package io.vigil.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vigil.config.AuthConfig;
import io.vigil.config.HttpConfig;
import io.vigil.testing.OpenApiPaths;
import io.vigil.web.AuditTrail;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every route the alerting stage adds to the API is described in the served OpenAPI document. */
@ExtendWith(VertxExtension.class)
class AlertingRoutesDocumentedTest {

  @Test
  void everyAlertingRouteIsInTheOpenApiDocument(Vertx vertx) {
    Router router = Router.router(vertx);
    AuditTrail audit = new AuditTrail((key, record, requestId) -> Future.succeededFuture(), Clock.systemUTC(), false);
    new AlertingRoutes(new AuthConfig(""), new HttpConfig("127.0.0.1", 0, 1 << 20, 10, 10, 10), audit).mount(router, vertx);
    assertThat(OpenApiPaths.routed(router)).isNotEmpty().contains("/api/v1/subscriptions/{id}");
    assertThat(OpenApiPaths.documented()).containsAll(OpenApiPaths.routed(router));
  }
}
