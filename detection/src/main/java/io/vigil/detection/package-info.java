/**
 * The detection stage: {@link io.vigil.detection.PartitionScorer} scores the points of one input
 * partition with a detector per series (pure, no Kafka), and
 * {@link io.vigil.detection.DetectionVerticle} runs it on the {@link io.vigil.kafka.PartitionedStage}
 * scaffold, which restores each partition from its checkpoints when it is assigned and commits an
 * input offset only after the outputs and state it covers are in Kafka.
 *
 * <p>All state lives on the verticle's event loop; checkpoints are read on a worker thread and handed
 * back to the event loop before a partition's records are processed.
 */
package io.vigil.detection;
