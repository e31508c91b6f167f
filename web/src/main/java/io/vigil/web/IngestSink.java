package io.vigil.web;

import io.vertx.core.Future;
import io.vigil.model.LogEvent;
import io.vigil.model.MetricPoint;
import java.util.List;

/**
 * Where pushed points and log events go. Each future completes only once the whole batch is
 * durable (Kafka acknowledged every record, in the engine), so the push can answer 202; it fails
 * otherwise. {@code requestId} is the push's correlation id, to carry along with the records.
 */
public interface IngestSink {

  Future<Void> publishPoints(List<MetricPoint> points, String requestId);

  Future<Void> publishLogEvents(List<LogEvent> events, String requestId);
}
