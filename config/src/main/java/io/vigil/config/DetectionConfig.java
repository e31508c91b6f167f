package io.vigil.config;

import java.util.Map;

/**
 * The detection stage.
 *
 * @param detector the registered detector type every series uses
 * @param settings changes to that type's settings by name (checked when the engine starts, naming the
 *     setting), e.g. {@code cusumUnit: 4} for {@code default}; empty keeps the type's own
 * @param anomalyThreshold scores at or above it are anomalies
 * @param criticalThreshold scores at or above it are critical anomalies
 * @param maxLatenessSeconds how far behind the newest point of its series (and the server clock) a
 *     point may arrive and still be scored in time order; each point waits this long before it is
 *     scored, and later points are kept and shown but marked late and not scored
 */
public record DetectionConfig(
    String detector, Map<String, String> settings, double anomalyThreshold, double criticalThreshold, int checkpointIntervalSeconds,
    int maxLatenessSeconds) {

  public DetectionConfig {
    settings = Map.copyOf(settings);
  }

  static DetectionConfig from(ConfigSection section) {
    DetectionConfig config = new DetectionConfig(
        section.nonEmptyString("detector"),
        section.settings("settings"),
        section.number("anomalyThreshold", 0.0, 1.0),
        section.number("criticalThreshold", 0.0, 1.0),
        section.integer("checkpointIntervalSeconds", 1, 3600),
        section.integer("maxLatenessSeconds", 0, 86_400));
    section.requireNotBelow("criticalThreshold", config.criticalThreshold, "anomalyThreshold", config.anomalyThreshold);
    section.finish();
    return config;
  }
}
