package io.vigil.detectors.ensemble;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
 * @param viewShares each view's share of the false-alarm budget, in the order of the views' names; a
 *     view's tail probability is divided by its share (a weighted Bonferroni correction), so the shares
 *     must be positive and sum to at most 1
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
    List<Double> viewShares,
    double alarmDecades,
    int suppressionPoints,
    double suppressionDecades) {

  /**
   * The default views' shares of the false-alarm budget, in the order level, shift, step, seasonal,
   * novelty, seasonal-shift, spread, record, cusum. The shift view gets a double share: a sustained
   * change of the mean is what it is built for, and its fast mean makes it the most efficient test of
   * one. The level and novelty views get half shares: once the hour profile is ready the seasonal view
   * sees what the level view sees, more sharply, and most transitions the novelty view finds
   * surprising are jumps the level and step views already score. (How these were measured, and on
   * what: the README's detector notes.)
   */
  static final List<Double> DEFAULT_VIEW_SHARES =
      List.of(1.0 / 18, 2.0 / 9, 1.0 / 9, 1.0 / 9, 1.0 / 18, 1.0 / 9, 1.0 / 9, 1.0 / 9, 1.0 / 9);

  /** The configuration the {@code default} type uses; the README's detector notes say how it was chosen. */
  public static final DefaultDetectorConfig DEFAULTS = new DefaultDetectorConfig(
      0.01, 0.2, 0.1, 0.1, 0.9999, 1.25, 4.5, 0.999, 0.999, 50, 500, 3.0, DEFAULT_VIEW_SHARES, 2.5, 200, 5.0);

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
    viewShares = List.copyOf(viewShares);
    requireShares(viewShares);
    if (!(alarmDecades > 0)) {
      throw new IllegalArgumentException("alarmDecades must be > 0, was " + alarmDecades);
    }
    if (!(suppressionDecades >= 0)) {
      throw new IllegalArgumentException("suppressionDecades must be >= 0, was " + suppressionDecades);
    }
  }

  /**
   * This configuration with the named components replaced: {@code settings} maps a component name
   * (e.g. {@code cusumUnit}) to its value as text; {@code viewShares} is comma-separated. Fails on an
   * unknown name, a value that is not a number, or a value out of its range, naming the setting.
   */
  public DefaultDetectorConfig withSettings(Map<String, String> settings) {
    SettingsReader read = new SettingsReader(settings);
    DefaultDetectorConfig changed = new DefaultDetectorConfig(
        read.number("slowAlpha", slowAlpha),
        read.number("fastAlpha", fastAlpha),
        read.number("seasonalAlpha", seasonalAlpha),
        read.number("spreadAlpha", spreadAlpha),
        read.number("recordDecay", recordDecay),
        read.number("cusumSlack", cusumSlack),
        read.number("cusumUnit", cusumUnit),
        read.number("calibrationDecay", calibrationDecay),
        read.number("transitionDecay", transitionDecay),
        read.integer("warmUpPoints", warmUpPoints),
        read.integer("rampPoints", rampPoints),
        read.number("rampDecades", rampDecades),
        read.numbers("viewShares", viewShares),
        read.number("alarmDecades", alarmDecades),
        read.integer("suppressionPoints", suppressionPoints),
        read.number("suppressionDecades", suppressionDecades));
    read.finish();
    return changed;
  }

  /** Reads settings by name, remembering which it was asked for, so that a misspelt one is an error. */
  private static final class SettingsReader {
    private final Map<String, String> settings;
    private final Set<String> asked = new HashSet<>();

    SettingsReader(Map<String, String> settings) {
      this.settings = settings;
    }

    double number(String name, double current) {
      String text = text(name);
      return text == null ? current : parse(name, text);
    }

    int integer(String name, int current) {
      String text = text(name);
      if (text == null) {
        return current;
      }
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("setting " + name + " must be a whole number, was '" + text + "'");
      }
    }

    List<Double> numbers(String name, List<Double> current) {
      String text = text(name);
      if (text == null) {
        return current;
      }
      List<Double> values = new ArrayList<>();
      for (String item : text.split(",")) {
        values.add(parse(name, item.trim()));
      }
      return values;
    }

    void finish() {
      Set<String> unknown = new TreeSet<>(settings.keySet());
      unknown.removeAll(asked);
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("unknown setting " + unknown.iterator().next()
            + " of detector 'default'; known: " + String.join(", ", new TreeSet<>(asked)));
      }
    }

    private String text(String name) {
      asked.add(name);
      String text = settings.get(name);
      return text == null ? null : text.trim();
    }

    private static double parse(String name, String text) {
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("setting " + name + " must be a number, was '" + text + "'");
      }
    }
  }

  /** Each view's tail probability is multiplied by this factor, the inverse of its share, before they are compared. */
  double[] viewFactors() {
    double[] factors = new double[viewShares.size()];
    for (int c = 0; c < factors.length; c++) {
      factors[c] = 1.0 / viewShares.get(c);
    }
    return factors;
  }

  private static void requireShares(List<Double> shares) {
    int views = DefaultDetector.COMPONENTS.length;
    if (shares.size() != views) {
      throw new IllegalArgumentException("viewShares must have " + views + " entries, one per view, had " + shares.size());
    }
    double sum = 0.0;
    for (int c = 0; c < views; c++) {
      double share = shares.get(c);
      if (!(share > 0 && share <= 1)) {
        throw new IllegalArgumentException(
            "viewShares[" + c + "] (" + DefaultDetector.COMPONENTS[c] + ") must be in (0, 1], was " + share);
      }
      sum += share;
    }
    if (sum > 1.0 + 1e-9) {
      throw new IllegalArgumentException("viewShares must sum to at most 1, summed to " + sum);
    }
  }

  private static void requireUnit(String name, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1], was " + value);
    }
  }
}
