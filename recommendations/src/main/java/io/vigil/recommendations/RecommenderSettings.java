package io.vigil.recommendations;

/**
 * The recommender's knobs, checked once here so the maths can trust them.
 *
 * @param marginFraction headroom on every target (0.15: 15%)
 * @param minHours evidence needed before anything is offered, unless a kill for memory forces it
 * @param lookbackDays how far back usage counts (Compute Optimizer's 14 days)
 * @param halfLifeMillis how fast old samples lose weight (VPA's 24 hours)
 * @param scalingTargetCpuPercent the average CPU a target-tracking policy would aim for
 */
public record RecommenderSettings(double marginFraction, double minHours, int lookbackDays, long halfLifeMillis, double scalingTargetCpuPercent,
    CostModel costs) {

  public static final long DEFAULT_HALF_LIFE_MILLIS = 24 * 3600 * 1000L;

  public RecommenderSettings {
    if (!(marginFraction >= 0 && marginFraction <= 1)) {
      throw new IllegalArgumentException("marginFraction must be from 0 to 1, was " + marginFraction);
    }
    if (!(minHours >= 0)) {
      throw new IllegalArgumentException("minHours must not be negative, was " + minHours);
    }
    if (lookbackDays < 1) {
      throw new IllegalArgumentException("lookbackDays must be at least 1, was " + lookbackDays);
    }
    if (halfLifeMillis <= 0) {
      throw new IllegalArgumentException("halfLifeMillis must be positive, was " + halfLifeMillis);
    }
    if (!(scalingTargetCpuPercent > 0 && scalingTargetCpuPercent <= 100)) {
      throw new IllegalArgumentException("scalingTargetCpuPercent must be above 0 and at most 100, was " + scalingTargetCpuPercent);
    }
  }
}
