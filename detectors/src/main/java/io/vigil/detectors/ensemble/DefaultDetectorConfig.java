package io.vigil.detectors.ensemble;

/**
 * The tuning of the default ensemble; one configuration serves every series.
 *
 * @param slowAlpha weight of a new point in the slow level and spread
 * @param fastAlpha weight of a new point in the fast level the shift view compares with the slow one
 * @param seasonalAlpha weight of a new point in its hour-of-day bucket
 * @param spreadAlpha weight of a new point in the fast spread the spread view compares with the slow one
 * @param recordDecay per-point pull of the record high and low towards the level (1 never forgets)
 * @param cusumSlack spreads subtracted from each residual before it adds to the cumulative sums (Page's k)
 * @param cusumUnit the cumulative sum, in spreads, that counts as one raw unit of the cusum view
 * @param calibrationDecay per-point ageing of each component's raw-score histogram
 * @param transitionDecay ageing of a transition row each time it is used
 * @param warmUpPoints points scored 0 while the views fill
 * @param rampPoints until this many points an alarm must be more surprising, by up to {@code rampDecades}
 * @param rampDecades decades taken off the output just after the warm-up, fading linearly to none at
 *     {@code rampPoints}: young calibrations are over-confident
 * @param alarmDecades output (in decades of tail probability) at which an alarm starts suppression; it scores 0.9
 * @param suppressionPoints points an alarm suppresses later output for
 * @param suppressionDecades decades taken off the output right after an alarm, fading linearly
 */
public record DefaultDetectorConfig(
    double slowAlpha,
    double fastAlpha,
    double seasonalAlpha,
    double spreadAlpha,
    double recordDecay,
    double cusumSlack,
    double cusumUnit,
    double calibrationDecay,
    double transitionDecay,
    int warmUpPoints,
    int rampPoints,
    double rampDecades,
    double alarmDecades,
    int suppressionPoints,
    double suppressionDecades) {

  /** The configuration the {@code default} type uses. */
  public static final DefaultDetectorConfig DEFAULTS =
      new DefaultDetectorConfig(0.01, 0.2, 0.1, 0.1, 0.9999, 1.25, 5.0, 0.999, 0.999, 50, 500, 3.0, 2.5, 200, 5.0);

  public DefaultDetectorConfig {
    requireUnit("slowAlpha", slowAlpha);
    requireUnit("fastAlpha", fastAlpha);
    requireUnit("seasonalAlpha", seasonalAlpha);
    requireUnit("spreadAlpha", spreadAlpha);
    requireUnit("recordDecay", recordDecay);
    requireUnit("calibrationDecay", calibrationDecay);
    requireUnit("transitionDecay", transitionDecay);
    if (warmUpPoints < 0 || rampPoints < 0 || suppressionPoints < 0) {
      throw new IllegalArgumentException("warmUpPoints, rampPoints and suppressionPoints must be >= 0");
    }
    if (!(cusumSlack >= 0) || !(cusumUnit > 0)) {
      throw new IllegalArgumentException("cusumSlack must be >= 0 and cusumUnit > 0, were " + cusumSlack + " and " + cusumUnit);
    }
    if (!(rampDecades >= 0)) {
      throw new IllegalArgumentException("rampDecades must be >= 0, was " + rampDecades);
    }
    if (!(alarmDecades > 0)) {
      throw new IllegalArgumentException("alarmDecades must be > 0, was " + alarmDecades);
    }
    if (!(suppressionDecades >= 0)) {
      throw new IllegalArgumentException("suppressionDecades must be >= 0, was " + suppressionDecades);
    }
  }

  private static void requireUnit(String name, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1], was " + value);
    }
  }
}
