/**
 * A robust level-and-spread baseline detector. The level follows the series with an exponentially
 * weighted update whose step is clipped to three spreads, and the spread is an exponentially
 * weighted mean absolute deviation fed clipped deviations, so a single outlier moves neither much.
 * State is a three-field record encoded by {@link io.vigil.detectors.baseline.RobustBaselineStateMapper}.
 * Detector instances are not thread-safe; the type object is stateless and may be shared.
 */
package io.vigil.detectors.baseline;
