/**
 * The default detector, a calibrated ensemble. Six cheap views each produce a raw surprise; each raw
 * score becomes a right-tail probability against a decayed histogram of that view's own past raw
 * scores ({@link io.vigil.detectors.stats.TailCalibration}), which makes views with different scales
 * comparable and makes scores comparable across series, as NAB's single corpus-wide threshold needs.
 * The smallest probability, Bonferroni-corrected, becomes decades of surprise; an alarm (decades at
 * or above {@code alarmDecades}) lowers the output of the following points, fading linearly, because
 * NAB, like an on-call engineer, rewards the first detection of an anomaly and charges the repeats.
 * State is a few primitive arrays (about 1.4 KB) in {@link io.vigil.detectors.ensemble.DefaultDetectorState},
 * encoded by {@link io.vigil.detectors.ensemble.DefaultDetectorStateMapper}; restoring it gives
 * bit-identical scores. No randomness is used. Detector instances are not thread-safe; the type and
 * the configuration are immutable.
 */
package io.vigil.detectors.ensemble;
