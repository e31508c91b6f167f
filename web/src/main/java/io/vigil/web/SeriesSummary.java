package io.vigil.web;

import io.vertx.core.json.JsonObject;
import io.vigil.model.SeriesKey;
import io.vigil.model.Wire;
import java.time.Instant;

/** One series as listed by {@code GET /api/v1/series}: its identity and its latest scored point. */
public record SeriesSummary(SeriesKey series, String service, long points, long lastTimestampMillis, double lastValue, double lastScore) {

  public JsonObject toJson() {
    return Wire.series(series)
        .put("service", service)
        .put("points", points)
        .put("lastTimestamp", Instant.ofEpochMilli(lastTimestampMillis).toString())
        .put("lastValue", lastValue)
        .put("lastScore", lastScore);
  }
}
