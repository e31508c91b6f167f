/**
 * The detection stage: a consumer-group verticle that scores every metric point with its series'
 * detector and checkpoints detector state to a compacted topic with the input offset it reflects.
 *
 * <p>All state lives on the verticle's event loop; checkpoints are read on a worker thread and handed
 * back to the event loop before a partition's records are processed.
 */
package io.vigil.engine.detection;
