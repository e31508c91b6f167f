/**
 * The health stages on the {@link io.vigil.kafka.PartitionedStage} scaffold:
 * {@link io.vigil.health.stage.HealthSignalsVerticle} (scores by series to signals by service),
 * {@link io.vigil.health.stage.HealthLogsVerticle} and {@link io.vigil.health.stage.HealthEventsVerticle}
 * (log events and deployment events to signals by service), and
 * {@link io.vigil.health.stage.HealthVerticle} (signals to each service's health on the compacted
 * {@code vigil.health}, every minute and on change). Each verticle only moves records; the rules
 * live in the pure classes of {@code io.vigil.health}. State lives on each verticle's event loop;
 * checkpoints are read on a worker and handed back before a partition's records are processed.
 */
package io.vigil.health.stage;
