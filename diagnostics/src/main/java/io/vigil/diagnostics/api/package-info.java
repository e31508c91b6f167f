/**
 * The read side of diagnostics: {@link io.vigil.diagnostics.api.DiagnosticsViewVerticle} follows the
 * compacted {@code vigil.diagnostics} in every process into a {@link io.vigil.diagnostics.api.DiagnosisBoard}
 * (a concurrent map of immutable records, so the routes read it from the API's event loop without
 * locks), and {@link io.vigil.diagnostics.api.DiagnosticsRoutes} serves
 * {@code GET /api/v1/diagnostics} and {@code GET /api/v1/diagnostics/{service}}, merging each
 * service's records across origins and ranking them.
 */
package io.vigil.diagnostics.api;
