/**
 * The read side: bounded, de-duplicating in-memory views rebuilt from the output topics, which the
 * REST API and the WebSocket stream read. The store is written by one verticle and read by HTTP
 * handlers on other event loops, so it guards its maps with locks.
 */
package io.vigil.engine.view;
