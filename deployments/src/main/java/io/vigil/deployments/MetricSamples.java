package io.vigil.deployments;

/**
 * One series of a service around a deployment: its values in the baseline window (before the
 * deploy started) and in the window after it (from steady state).
 *
 * @param metric the metric name the direction and weight tables are keyed by ({@code TargetResponseTime})
 * @param seriesId the series the values came from
 */
public record MetricSamples(String metric, String seriesId, double[] before, double[] after) {}
