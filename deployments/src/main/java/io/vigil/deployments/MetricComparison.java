package io.vigil.deployments;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * Compares one series' values after a deployment with its baseline: the Mann-Whitney U test (no
 * assumption about the distribution, robust to the outliers metrics have) says whether they differ,
 * Cliff's delta says by how much and which way, and the metric's direction says whether that way is
 * worse. Significance alone is not enough: with hundreds of values a shift nobody would notice is
 * significant, so it must also be at least {@link VerdictSettings#minEffectSize}.
 */
public final class MetricComparison {

  private MetricComparison() {}

  /** The evidence of one series; the load-explanation step is {@link VerdictJudge}'s. */
  public static MetricEvidence compare(MetricSamples samples, VerdictSettings settings) {
    Direction direction = settings.direction(samples.metric());
    double weight = settings.weight(samples.metric());
    SampleSummary before = SampleSummary.of(samples.before());
    SampleSummary after = SampleSummary.of(samples.after());
    if (before.n() < settings.minSamples() || after.n() < settings.minSamples()) {
      return new MetricEvidence(samples.metric(), samples.seriesId(), direction, before, after, Double.NaN, Double.NaN, weight, Outcome.TOO_FEW_SAMPLES,
          "too few values to judge: " + before.n() + " before and " + after.n() + " after, " + settings.minSamples() + " needed on each side");
    }
    double delta = cliffsDelta(samples.before(), samples.after());
    double p = pValue(samples.before(), samples.after(), delta);
    boolean significant = p < settings.alpha() && Math.abs(delta) >= settings.minEffectSize();
    Outcome outcome;
    String note;
    String shift = String.format(Locale.ROOT, "median %s -> %s (p=%.2g, delta=%.2f)", number(before.median()), number(after.median()), p, delta);
    if (!significant) {
      outcome = Outcome.UNCHANGED;
      note = "no clear change: " + shift;
    } else if (direction == Direction.NEUTRAL) {
      outcome = Outcome.UNCHANGED;
      note = (delta > 0 ? "rose" : "fell") + ", which does not count for this metric: " + shift;
    } else if (direction.isWorse(Math.signum(delta))) {
      outcome = Outcome.WORSE;
      note = (delta > 0 ? "rose" : "fell") + ": " + shift;
    } else {
      outcome = Outcome.BETTER;
      note = (delta > 0 ? "rose" : "fell") + ", for the better: " + shift;
    }
    return new MetricEvidence(samples.metric(), samples.seriesId(), direction, before, after, p, delta, weight, outcome, note);
  }

  /**
   * P(after > before) - P(after < before) over all pairs, from -1 (every value after is lower) to
   * 1 (every one higher); computed by binary search in the sorted baseline, O((n + m) log n).
   */
  static double cliffsDelta(double[] before, double[] after) {
    double[] sorted = before.clone();
    Arrays.sort(sorted);
    long difference = 0;
    for (double value : after) {
      int below = lowerBound(sorted, value);
      int above = sorted.length - upperBound(sorted, value);
      difference += below - above;
    }
    return (double) difference / ((long) sorted.length * after.length);
  }

  /**
   * The two-sided p-value; when every value of both windows is the same the test has no variance
   * and answers NaN, which means "no difference" when delta is 0 and "certain" when the windows do
   * not overlap at all.
   */
  private static double pValue(double[] before, double[] after, double delta) {
    double p = new MannWhitneyUTest().mannWhitneyUTest(before, after);
    if (Double.isNaN(p)) {
      return delta == 0 ? 1.0 : 0.0;
    }
    return p;
  }

  private static int lowerBound(double[] sorted, double value) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sorted[middle] < value) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private static int upperBound(double[] sorted, double value) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sorted[middle] <= value) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  static String number(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }
}
