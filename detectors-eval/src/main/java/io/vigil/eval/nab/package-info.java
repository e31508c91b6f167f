/**
 * A NAB-compatible benchmark: {@link io.vigil.eval.nab.NabCorpus} reads the corpus layout,
 * {@link io.vigil.eval.nab.NabRunner} feeds each file to a fresh detector and writes NAB's result
 * files, and {@link io.vigil.eval.nab.NabScorer} applies NAB 1.1's sweeper rules (probation,
 * scaled sigmoid, one corpus-wide threshold per profile, null/perfect normalisation). Category scores
 * are normalised against the category's own null and perfect scores at the corpus threshold, which
 * NAB itself does not report. Everything here is single-threaded and holds no shared state.
 */
package io.vigil.eval.nab;
