/**
 * The log-patterns stage on the stage scaffold: one {@link io.vigil.logpatterns.PartitionPatterns}
 * per partition of {@code vigil.log-events}, whose records are keyed by log group, so a group's
 * lines always meet one miner. Outputs (points, pattern summaries) are written again after a crash
 * replays input past the last checkpoint; both are keyed (series and timestamp; group and pattern),
 * so readers keep the latest. Callbacks run on the verticle's event loop.
 */
package io.vigil.logpatterns.stage;
