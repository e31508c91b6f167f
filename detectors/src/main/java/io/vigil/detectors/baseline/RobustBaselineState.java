package io.vigil.detectors.baseline;

/**
 * Everything a {@link RobustBaselineDetector} remembers about one series.
 *
 * @param count points seen
 * @param level exponentially weighted level
 * @param meanAbsDeviation exponentially weighted mean absolute deviation from the level
 */
public record RobustBaselineState(long count, double level, double meanAbsDeviation) {}
