/**
 * The recommender on the {@link io.vigil.kafka.PartitionedStage} scaffold, in two steps because a
 * service's series (and its kill reports) sit on different partitions of the ingest topics: two
 * stateless forwarding stages ({@link io.vigil.recommendations.stage.InputForwarders}) re-key the ECS
 * utilisation points and the log lines that report kills for memory by service onto
 * {@code vigil.recommendation-inputs}, and {@link io.vigil.recommendations.stage.RecommenderVerticle}
 * sees all of one service's inputs on one partition, keeps its usage (checkpointed to
 * {@code vigil.recommendation-checkpoints}) and writes each recommendation to the compacted
 * {@code vigil.recommendations} keyed by its id. The same re-keying as health's, but the first step
 * keeps no state: it only filters and re-keys, so it needs no checkpoints beyond its offsets. Each
 * verticle only moves records; the rules live in {@code io.vigil.recommendations}. State lives on
 * each verticle's event loop.
 */
package io.vigil.recommendations.stage;
