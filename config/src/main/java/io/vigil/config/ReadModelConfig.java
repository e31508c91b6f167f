package io.vigil.config;

/** Bounds of the in-memory views the REST API and WebSocket read from. */
public record ReadModelConfig(int pointsPerSeries, int maxAnomalies, int maxLogEvents, int scoresHistoryHours) {

  static ReadModelConfig from(ConfigSection section) {
    ReadModelConfig config = new ReadModelConfig(
        section.integer("pointsPerSeries", 10, 10_000_000),
        section.integer("maxAnomalies", 10, 10_000_000),
        section.integer("maxLogEvents", 10, 10_000_000),
        section.integer("scoresHistoryHours", 1, 24 * 365 * 10));
    section.finish();
    return config;
  }
}
