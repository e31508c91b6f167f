package io.vigil.deployments;

/**
 * The comparison of one series after a deployment against its baseline: the two windows' summaries,
 * the Mann-Whitney U test's two-sided p-value, Cliff's delta (the probability that a value after
 * exceeds one before minus the reverse, -1 to 1) and what that means for this metric's direction.
 *
 * @param weight the metric's importance in the verdict's score
 * @param note why the outcome is what it is, in a sentence
 */
public record MetricEvidence(String metric, String seriesId, Direction direction, SampleSummary baseline, SampleSummary after, double pValue,
    double effectSize, double weight, Outcome outcome, String note) {}
