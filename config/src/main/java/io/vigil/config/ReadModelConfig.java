package io.vigil.config;

/** Bounds of the in-memory views the REST API and WebSocket read from. */
public record ReadModelConfig(int pointsPerSeries, int maxAnomalies, int maxLogEvents) {

  static ReadModelConfig from(ConfigSection section) {
    ReadModelConfig config = new ReadModelConfig(
        section.integer("pointsPerSeries", 10, 10_000_000),
        section.integer("maxAnomalies", 10, 10_000_000),
        section.integer("maxLogEvents", 10, 10_000_000));
    section.finish();
    return config;
  }
}
