/**
 * The read side of log patterns: {@link io.vigil.logpatterns.api.PatternsViewVerticle} follows the
 * compacted {@code vigil.log-patterns} in every process into a {@link io.vigil.logpatterns.api.PatternBoard}
 * (concurrent maps: written by the view's event loop, read by the API's), and
 * {@link io.vigil.logpatterns.api.PatternRoutes} serves it.
 */
package io.vigil.logpatterns.api;
