/**
 * The CloudWatch metrics source: discovery with ListMetrics, collection with GetMetricData, and the
 * windowing that turns CloudWatch's late and revised datapoints into each (series, timestamp)
 * emitted exactly once.
 *
 * <p>Every poll re-reads a trailing window; {@link io.vigil.ingest.cloudwatch.MetricWindow} emits a
 * datapoint once it is settled and not emitted before, and keeps per query a
 * {@link io.vigil.ingest.cloudwatch.QueryCursor} (watermark plus the emitted timestamps after it),
 * committed with the points in one Kafka transaction. All state of a source lives on its verticle's
 * event loop; SDK calls start on the shared {@code vigil-aws} worker pool and complete back on it.
 */
package io.vigil.ingest.cloudwatch;
