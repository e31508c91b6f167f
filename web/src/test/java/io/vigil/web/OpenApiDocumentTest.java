package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Route;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.io.InputStream;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import io.vigil.config.HttpConfig;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document validates against the OpenAPI 3.1 schema and describes every route
 * the core router has. (The stages' route extensions are checked in their own modules, against the
 * same document: AlertingRoutesDocumentedTest, HealthRoutesDocumentedTest, SourcesRoutesDocumentedTest.) (vertx-openapi's contract loader also refuses media types it cannot validate,
 * such as the document's own application/yaml, so the schema check is called directly.)
 */
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
  void documentIsAValidContractCoveringEveryRoute() throws Exception {
    JsonObject document = readYaml("webroot/openapi.yaml");
    OpenAPIVersion version = OpenAPIVersion.fromContract(document);
    assertThat(version).isEqualTo(OpenAPIVersion.V3_1);
    SchemaRepository repository = version.getRepository(vertx, "http://localhost/").await();
    OutputUnit result = version.validateContract(vertx, repository, document).await();
    assertThat(result.getValid()).as(String.valueOf(result.getErrors())).isTrue();
    Set<String> documented = new TreeSet<>(document.getJsonObject("paths").fieldNames());

    ApiVerticle api = new ApiVerticle(new HttpConfig("127.0.0.1", 0, 1024, 10, 10, 60), null, null,
        HealthChecks.create(vertx), HealthChecks.create(vertx), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        Clock.systemUTC(), List.of());
    vertx.deployVerticle(api).await();
    Set<String> routed = new TreeSet<>();
    for (Route route : api.router().getRoutes()) {
      String path = route.getPath();
      if (path != null && !path.endsWith("/")) { // prefix routes ("/api/*", static files) are not operations
        routed.add(path.replaceAll(":([A-Za-z]+)", "{$1}"));
      }
    }
    assertThat(documented).containsAll(routed);
  }

  private static JsonObject readYaml(String resource) throws Exception {
    try (InputStream in = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream(resource)) {
      Map<String, Object> yaml = new Yaml().load(in);
      // Through JSON text, so nested maps and lists become JsonObject and JsonArray.
      return new JsonObject(Json.encode(yaml));
    }
  }
}
