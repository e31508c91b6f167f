/**
 * The engine: wires configuration, Kafka and the pipeline's verticles into one running process.
 *
 * <p>Stages talk only through Kafka topics (see {@link io.vigil.model.Topics}); each verticle owns its
 * state on its own event loop, so none of them shares mutable memory with another except the
 * read-side {@link io.vigil.engine.view.ReadStore}, which is built for concurrent readers.
 */
package io.vigil.engine;
