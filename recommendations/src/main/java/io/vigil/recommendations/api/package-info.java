/**
 * The read side and API of recommendations: {@link io.vigil.recommendations.api.RecommendationsViewVerticle}
 * follows all of {@code vigil.recommendations} and {@code vigil.recommendation-actions} outside any
 * group into a {@link io.vigil.recommendations.api.RecommendationBoard}, which {@link
 * io.vigil.recommendations.api.RecommendationsRoutes} serves; applies and rollbacks go to ECS through
 * {@code io.vigil.recommendations.ecs}, are kept in the {@link io.vigil.recommendations.api.ActionLog}
 * and audited. The board is the one shared object: concurrent maps of JSON records never changed
 * once in, written by the view's event loop and read by any other.
 */
package io.vigil.recommendations.api;
