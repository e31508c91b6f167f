/**
 * The HTTP surface of Vigil: REST routes, the WebSocket stream, the dashboard and the OpenAPI document.
 *
 * <p>The routes know nothing of Kafka consumers or detector state: they write through
 * {@link io.vigil.ingest.IngestPublisher} and read through {@link io.vigil.web.ReadModel}, which the
 * engine provides. Route handlers run on the verticle's event loop and never block; live updates
 * reach WebSocket clients over the event bus.
 */
package io.vigil.web;
