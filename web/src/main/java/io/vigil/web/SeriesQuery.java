package io.vigil.web;

import io.vigil.model.SeriesKey;
import java.util.Locale;

/**
 * One page of {@code GET /api/v1/series}: the series after {@code cursor} (an id; empty for the
 * first page), in id order, that pass every non-empty filter, at most {@code limit} of them.
 *
 * @param q a case-insensitive substring of the metric name or of a dimension value
 */
public record SeriesQuery(String namespace, String service, String metric, String q, String cursor, int limit) {

  public SeriesQuery {
    q = q.toLowerCase(Locale.ROOT);
  }

  /** The first {@code limit} series, unfiltered. */
  public static SeriesQuery firstPage(int limit) {
    return new SeriesQuery("", "", "", "", "", limit);
  }

  public boolean matches(SeriesKey key, String seriesService) {
    return (namespace.isEmpty() || namespace.equals(key.namespace()))
        && (service.isEmpty() || service.equals(seriesService))
        && (metric.isEmpty() || metric.equals(key.metric()))
        && (q.isEmpty() || containsQ(key));
  }

  private boolean containsQ(SeriesKey key) {
    if (key.metric().toLowerCase(Locale.ROOT).contains(q)) {
      return true;
    }
    return key.dimensions().values().stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).contains(q));
  }
}
