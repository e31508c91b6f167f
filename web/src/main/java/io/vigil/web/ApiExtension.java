package io.vigil.web;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * Routes a pipeline stage adds to the HTTP API (sources, alerting, ...), mounted after the core
 * routes and before the catch-all 404 of {@code /api/*}. Handlers must not block.
 */
@FunctionalInterface
public interface ApiExtension {

  void mount(Router router, Vertx vertx);
}
