/**
 * The read side of health: {@link io.vigil.health.api.HealthViewVerticle} follows all of
 * {@code vigil.health} outside any group into a {@link io.vigil.health.api.HealthBoard}, which
 * {@link io.vigil.health.api.HealthRoutes} serves and the health stage asks about dependencies it
 * does not score. The board is the one shared object: a concurrent map of immutable records,
 * written by the view's event loop and read by any other.
 */
package io.vigil.health.api;
