/**
 * Log patterns as signals: one streaming template miner ({@code io.vigil.detectors.logs}) per log
 * group, and for each template a per-minute count that becomes a series ({@code Vigil/Logs}
 * {@code PatternCount}, dimensions {@code LogGroup}, {@code Pattern} and {@code ServiceName}) scored by
 * the detection stage like any metric, so a burst of an error pattern is an anomaly. Minutes close by
 * event time, or by the clock for a quiet group; a template active in the last {@code activeMinutes}
 * gets a point every minute, zero without lines, so a burst stands out against a baseline rather than
 * against nothing. A template first seen after the group's warm-up is flagged {@code newPattern}.
 * Templates that merge as the miner generalises hand their counts to the survivor. Everything here is
 * owned by one stage partition and is not thread-safe; state is the miner's checkpoint plus counts.
 */
package io.vigil.logpatterns;
