/**
 * Ingest: everything that brings data into Vigil and writes it to Kafka.
 *
 * <p>{@link io.vigil.ingest.IngestPublisher} is the one way in: it completes only when Kafka has
 * acknowledged a whole batch, which is what lets the HTTP endpoints answer 202 honestly. Sources run
 * as verticles on their own event loop; they hold no state that is not also in Kafka.
 */
package io.vigil.ingest;
