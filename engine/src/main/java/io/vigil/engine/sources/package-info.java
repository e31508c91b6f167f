/**
 * The engine's wiring of the pulling sources (CloudWatch metrics and logs, probes) and the
 * {@code GET /api/v1/sources} route over their status board.
 *
 * <p>Each source is its own verticle and keeps its state on its event loop; the board they share is
 * a concurrent map of immutable snapshots, so the route reads it from the API's event loop safely.
 */
package io.vigil.engine.sources;
