/**
 * Kafka plumbing every stage uses, once: the embedded single-node KRaft broker, the creation and
 * checking of the pipeline's topics, the blocking {@link io.vigil.kafka.TopicReader} that restores
 * state from compacted topics, and {@link io.vigil.kafka.KafkaClientMeters}, which gives every
 * producer and consumer its Micrometer meters. The broker and topic setup block and run once at
 * start-up on the starting thread; the reader blocks and runs on workers; the meters are
 * thread-safe.
 */
package io.vigil.kafka;
