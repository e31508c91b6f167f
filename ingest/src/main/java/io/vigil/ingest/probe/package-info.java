/**
 * Synthetic probes and the dependency checks behind them: HTTP(S) status, latency and body match,
 * PostgreSQL connect and {@code SELECT 1}, Redis PING and TCP connect, each failing with a
 * {@link io.vigil.ingest.probe.ProbeFailure} that says why (refused, timeout, auth, not ready).
 *
 * <p>The checks are non-blocking Vert.x clients bounded by a timeout; {@code vigil wait-for} reuses
 * them. {@link io.vigil.ingest.probe.ProbeVerticle} keeps each probe's state on its own event loop
 * and publishes results as ordinary points, so detectors and alerts treat probes like any series.
 */
package io.vigil.ingest.probe;
