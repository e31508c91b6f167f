package io.vigil.web;

import io.vertx.core.json.JsonObject;
import io.vigil.model.SeriesKey;
import io.vigil.model.Wire;
import java.time.Instant;

/**
 * One series as listed by {@code GET /api/v1/series}: its identity, how many points it has (and how
 * many of them arrived too late to be scored) and its latest point.
 */
public record SeriesSummary(SeriesKey series, String service, long points, long latePoints, long lastTimestampMillis,
    double lastValue, double lastScore) {

  public JsonObject toJson() {
    return Wire.series(series)
        .put("service", service)
        .put("points", points)
        .put("latePoints", latePoints)
        .put("lastTimestamp", Instant.ofEpochMilli(lastTimestampMillis).toString())
        .put("lastValue", lastValue)
        .put("lastScore", lastScore);
  }
}
