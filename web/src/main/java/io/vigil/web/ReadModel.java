package io.vigil.web;

import io.vertx.core.json.JsonObject;
import io.vigil.model.Anomaly;
import io.vigil.model.LogEvent;
import io.vigil.model.ScoredPoint;
import java.util.List;
import java.util.Optional;

/**
 * What the REST API reads: views of the pipeline's topics kept by the engine. Implementations are
 * safe to call from any event loop.
 */
public interface ReadModel {

  /**
   * One page of the known series, in id order, filtered by the query. May scan every series, so
   * callers on an event loop run it on a worker.
   */
  SeriesPage series(SeriesQuery query);

  /** The series' scored points with {@code from <= timestamp < to}, oldest first, at most {@code limit} (the newest ones). */
  Optional<List<ScoredPoint>> points(String seriesId, long fromMillis, long toMillis, int limit);

  /** Anomalies at or after {@code sinceMillis}, of {@code service} unless it is empty, newest first. */
  List<Anomaly> anomalies(long sinceMillis, String service, int limit);

  /** Log events at or after {@code sinceMillis}, of {@code logGroup} unless it is empty, newest last. */
  List<LogEvent> logs(String logGroup, long sinceMillis, int limit);

  /**
   * Audit records ({@link AuditTrail}'s form) with {@code since <= time < until}, about
   * {@code object} ({@code <type>/<id>}) unless it is empty, newest first.
   */
  List<JsonObject> audit(long sinceMillis, long untilMillis, String object, int limit);
}
