/**
 * The HTTP surface of Vigil: REST routes, the WebSocket stream, the dashboard and the OpenAPI document.
 *
 * <p>The routes know nothing of Kafka consumers or detector state: they write through
 * {@link io.vigil.web.IngestSink} (Kafka, in the engine) and read through {@link io.vigil.web.ReadModel}, which the
 * engine provides. Route handlers run on the verticle's event loop and never block; live updates
 * reach WebSocket clients over the event bus, fanned out by one {@code StreamHub} per server
 * that encodes each event once for all its subscribers. Listings that may scan many series are built on a
 * worker, so /health never waits behind them. Every request passes {@link
 * io.vigil.web.BrowserSafetyHandler} first (Host, Origin and Content-Type checks against pages in
 * the user's browser), and a request no route takes gets 405 with Allow or 404 from
 * {@code AllowedMethods}. No client can hold more than its share: {@link io.vigil.web.ConnectionGuard}
 * closes connections that are slow to send a request head or over the per-address cap, the idle
 * timeout closes silent ones, and a stream client gets bounded replies and is closed when it sends
 * without reading them (1008) or cannot take its events (1013). The dashboard's files, uPlot from its
 * WebJar included, are served from the jar by {@code DashboardAssets} under a same-origin CSP.
 */
package io.vigil.web;
