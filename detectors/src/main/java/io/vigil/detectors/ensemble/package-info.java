/**
 * The default detector, a calibrated ensemble. Nine cheap views each produce a raw surprise; each raw
 * score becomes a right-tail probability against a decayed histogram of that view's own past raw
 * scores ({@link io.vigil.detectors.stats.TailCalibration}), which makes views with different scales
 * comparable and makes scores comparable across series, as NAB's single corpus-wide threshold needs.
 * Raw scores from before a series' spread is bootstrapped are never learned, and a view's own
 * outliers are learned at reduced weight, so one anomaly does not mask the next. Each view's
 * probability is divided by its share of the false-alarm budget (the shares sum to 1: a weighted
 * Bonferroni correction, so on noise the combined alarm rate stays bounded by the alarm level), and
 * the smallest becomes decades of surprise (capped at 30). An alarm (decades at
 * or above {@code alarmDecades}) opens a rest period in which a repeat must out-surprise the alarm
 * that opened it (the damping fades linearly), because NAB, like an on-call engineer, rewards the
 * first detection of an anomaly and charges the repeats. The output is
 * {@code 1 - 0.1^(decades / alarmDecades)}: exactly {@link io.vigil.detectors.ensemble.DefaultDetector#ALARM_SCORE}
 * (0.9) at the alarm level, which is also where NAB's best standard-profile threshold lands, so an
 * engine threshold of 0.9 flags the ensemble's alarms. State is a few primitive arrays (about 1.7 KB) in
 * {@link io.vigil.detectors.ensemble.DefaultDetectorState}, encoded by
 * {@link io.vigil.detectors.ensemble.DefaultDetectorStateMapper}; restoring it gives bit-identical
 * scores. No randomness is used. Detector instances are not thread-safe; the type and the
 * configuration are immutable, and the detectors of one type share its per-view factors.
 */
package io.vigil.detectors.ensemble;
