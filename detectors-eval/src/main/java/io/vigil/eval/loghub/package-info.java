/**
 * Log-parsing accuracy on Loghub-2k: {@link io.vigil.eval.loghub.LoghubCorpus} reads the samples
 * (any folder holding a {@code <System>_2k.log_structured.csv}), {@link io.vigil.eval.loghub.LoghubRunner}
 * streams each sample's {@code Content} through a fresh template miner one line at a time in file
 * order, and {@link io.vigil.eval.loghub.LogParsingScorer} computes grouping accuracy (a line counts
 * when its group's line set equals its ground-truth group's) and parsing accuracy (its template equals
 * the ground truth token for token, whitespace runs being one separator). Single-threaded, no shared
 * state; timings are a rough figure, the JMH benchmark is the careful one.
 */
package io.vigil.eval.loghub;
