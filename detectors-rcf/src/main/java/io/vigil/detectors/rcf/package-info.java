/**
 * Amazon's ThresholdedRandomCutForest as the Vigil detector type {@code rcf}, the peer every
 * benchmark compares the default ensemble with. Fixed seed, single-threaded forest; a detector is
 * owned by one thread at a time, the type object is stateless. Checkpoints go through RCF's own
 * state mapper and Java serialisation of its state object.
 */
package io.vigil.detectors.rcf;
