package io.vigil.detectors.ensemble;

/**
 * Everything a {@link DefaultDetector} remembers about one series; arrays are owned by the record's
 * holder and copied by the mapper.
 *
 * @param count points seen
 * @param suppressionLeft points for which a recent alarm still lowers the output
 * @param lastAlarmDecades surprise (decades) of the alarm that started the current rest period
 * @param moments level, spread, fast level, previous value, step spread, fast seasonal residual, fast
 *     spread, record high, record low, cusum sums, time of the previous point
 * @param seasonalLevel per hour-of-day bucket level
 * @param seasonalSpread per bucket spread
 * @param seasonalCount per bucket number of points seen (saturating)
 * @param transitions decayed counts of transitions between quantised levels, row-major
 * @param previousLevelBin quantised level of the previous point
 * @param calibration per component tail-calibration slices
 * @param weekly weekday offsets from the hour profile, the time each weekday was seen, and the
 *     errors of the hour profile with and without them
 */
public record DefaultDetectorState(
    long count,
    int suppressionLeft,
    double lastAlarmDecades,
    double[] moments,
    double[] seasonalLevel,
    float[] seasonalSpread,
    float[] seasonalCount,
    float[] transitions,
    int previousLevelBin,
    float[] calibration,
    float[] weekly) {}
