/**
 * Kafka plumbing owned by the engine: the embedded single-node KRaft broker and the creation and
 * checking of the pipeline's topics. Both block and run once at start-up, before any verticle is
 * deployed, on the starting thread.
 */
package io.vigil.engine.kafka;
