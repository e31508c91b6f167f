package io.vigil.engine.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vigil.engine.TestEngines;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.logpatterns.PatternOverflow;
import io.vigil.testing.OpenApiPaths;
import io.vigil.web.SeriesBudget;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every route the sources add to the API is described in the served OpenAPI document. */
@ExtendWith(VertxExtension.class)
class SourcesRoutesDocumentedTest {

  @TempDir
  Path dataDir;

  @Test
  void everySourcesRouteIsInTheOpenApiDocument(Vertx vertx) {
    var config = TestEngines.config(dataDir);
    Sources sources = new Sources(config, KafkaEndpoint.of(config.kafka(), "127.0.0.1:9"), null, Clock.systemUTC(), SeriesBudget.unlimited(),
        new PatternOverflow());
    Router router = Router.router(vertx);
    sources.routes().mount(router, vertx);
    assertThat(OpenApiPaths.routed(router)).containsExactly("/api/v1/sources");
    assertThat(OpenApiPaths.documented()).containsAll(OpenApiPaths.routed(router));
  }
}
