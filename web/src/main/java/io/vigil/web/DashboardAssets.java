package io.vigil.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The dashboard's files: the page, its scripts and styles from {@code webroot}, and uPlot from its
 * WebJar at {@code /vendor/uplot/} (the version read from the jar, so the page names no version and
 * nothing is fetched from anywhere else). Every page answer carries a Content-Security-Policy that
 * lets the page load and connect to its own origin only, and run no inline script.
 */
final class DashboardAssets {

  static final String UPLOT_PATH = "/vendor/uplot/";
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  private static final String UPLOT_PROPERTIES = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

  private DashboardAssets() {}

  /** Mounts the files; call after every API route, since {@code /*} takes what they leave. */
  static void mount(Router router) {
    Handler<RoutingContext> headers = DashboardAssets::secureHeaders;
    router.get(UPLOT_PATH + "*").handler(headers)
        .handler(StaticHandler.create("META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist").setCachingEnabled(true));
    router.get("/*").handler(headers).handler(StaticHandler.create("webroot").setCachingEnabled(false));
  }

  private static void secureHeaders(RoutingContext context) {
    context.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
    context.next();
  }

  /** The version of the uPlot WebJar on the class path. */
  static String uplotVersion() {
    try (InputStream in = DashboardAssets.class.getClassLoader().getResourceAsStream(UPLOT_PROPERTIES)) {
      if (in == null) {
        throw new IllegalStateException("the uPlot WebJar is not on the class path (" + UPLOT_PROPERTIES + ")");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
