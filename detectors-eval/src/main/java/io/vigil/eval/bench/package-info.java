/**
 * Single-threaded replay benchmark of detector types (points per second) and an estimate of the
 * heap each series' detector holds. Used by {@code vigil bench detectors}; the JMH module measures
 * the same update loop more rigorously. Runs on the calling thread only.
 */
package io.vigil.eval.bench;
