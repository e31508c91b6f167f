/**
 * The read side: bounded, de-duplicating in-memory views rebuilt from the output topics, which the
 * REST API and the WebSocket stream read. The store is written by one verticle and read by HTTP
 * handlers on other event loops, so it guards its maps with locks. {@link io.vigil.kafka.CatchUp}
 * tracks how much of what Kafka held at start has been read, for readiness: a restarted engine
 * answers /ready only once its history is back.
 */
package io.vigil.view;
