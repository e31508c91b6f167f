/**
 * The composition root: wires configuration, Kafka and the stages' verticles into one running
 * process, and the command line ({@code cli}) that starts it or runs a report.
 *
 * <p>Stages pass data to each other only through Kafka topics (see {@link io.vigil.model.Topics}),
 * so any stage can run in another process. The HTTP API reaches the stages of its own process over
 * the event bus (the alerting routes send request/reply messages to the alerting verticle) and reads
 * the read-side {@link io.vigil.view.ReadStore} (module view), which is built for concurrent readers; each
 * verticle otherwise owns its state on its own event loop.
 */
package io.vigil.engine;
