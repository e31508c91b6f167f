package io.vigil.recommendations.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vigil.config.AuthConfig;
import io.vigil.testing.OpenApiPaths;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every route the recommendations module adds to the API is described in the served OpenAPI document. */
class RecommendationsRoutesDocumentedTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  @Test
  void everyRecommendationsRouteIsInTheOpenApiDocument() {
    Router router = Router.router(vertx);
    new RecommendationsRoutes(new RecommendationBoard(), RoutesFixture.config(false), Optional.empty(), (id, action) -> Future.succeededFuture(),
        RoutesFixture.audit(), new AuthConfig(""), RoutesFixture.http(), Clock.systemUTC()).mount(router, vertx);
    assertThat(OpenApiPaths.routed(router)).containsExactlyInAnyOrder("/api/v1/recommendations", "/api/v1/recommendations/{id}",
        "/api/v1/recommendations/{id}/apply", "/api/v1/recommendations/{id}/rollback");
    assertThat(OpenApiPaths.documented()).containsAll(OpenApiPaths.routed(router));
  }
}
