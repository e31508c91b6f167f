package io.vigil.deployments;

import java.util.Arrays;

/** How many values a window held, their median and 90th percentile (nearest rank), as evidence shows them. */
public record SampleSummary(int n, double median, double p90) {

  public static SampleSummary of(double[] values) {
    if (values.length == 0) {
      return new SampleSummary(0, Double.NaN, Double.NaN);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new SampleSummary(sorted.length, quantile(sorted, 0.5), quantile(sorted, 0.9));
  }

  /** Linear interpolation between the closest ranks of an ascending array. */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
  }
}
