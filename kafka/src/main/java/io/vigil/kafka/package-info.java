/**
 * Kafka plumbing every stage uses, once: the embedded single-node KRaft broker (and
 * {@link io.vigil.kafka.KafkaCluster}, three real broker processes, for the cluster tests and the
 * scale bench), the creation and
 * checking of the pipeline's topics, the blocking {@link io.vigil.kafka.TopicReader} that restores
 * state from compacted topics, the {@link io.vigil.kafka.TopicFollower} that follows every
 * partition of a topic outside any group (the read side, the health view, alerting's views), {@link io.vigil.kafka.PartitionedStage}, the scaffold every stage
 * runs on, the record value codec ({@link io.vigil.kafka.RecordValueSerializer}: CBOR batch
 * records on the point and score topics, JSON elsewhere), {@link io.vigil.kafka.KafkaClientMeters}, which gives every producer and consumer its
 * Micrometer meters, and (in {@code lease} and {@code cursor}) the lease that lets one process of
 * many run a job, with the transactional writer and cursors a leased job resumes from. The broker and topic setup block and run once at
 * start-up on the starting thread; the reader blocks and runs on workers; the meters are
 * thread-safe.
 */
package io.vigil.kafka;
