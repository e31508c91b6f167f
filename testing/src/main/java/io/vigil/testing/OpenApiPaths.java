package io.vigil.testing;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/**
 * The paths of the OpenAPI document Vigil serves ({@code webroot/openapi.yaml} on the classpath) and
 * of the operations a router has, in the document's {@code {param}} form, so a module that adds
 * routes can check each is documented.
 */
public final class OpenApiPaths {

  private OpenApiPaths() {}

  /** The document, as JSON. */
  public static JsonObject document() {
    try (InputStream in = OpenApiPaths.class.getClassLoader().getResourceAsStream("webroot/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("webroot/openapi.yaml is not on the classpath");
      }
      Map<String, Object> yaml = new Yaml().load(in);
      // Through JSON text, so nested maps and lists become JsonObject and JsonArray.
      return new JsonObject(Json.encode(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every path the document describes. */
  public static Set<String> documented() {
    return new TreeSet<>(document().getJsonObject("paths").fieldNames());
  }

  /** Every operation path of {@code router}; prefix routes ("/api/*", static files) are not operations. */
  public static Set<String> routed(Router router) {
    Set<String> routed = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path != null && !path.endsWith("/")) {
        routed.add(path.replaceAll(":([A-Za-z]+)", "{$1}"));
      }
    }
    return routed;
  }
}
