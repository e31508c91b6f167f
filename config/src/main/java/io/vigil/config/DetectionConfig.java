package io.vigil.config;

/**
 * The detection stage.
 *
 * @param detector the registered detector type every series uses
 * @param anomalyThreshold scores at or above it are anomalies
 * @param criticalThreshold scores at or above it are critical anomalies
 */
public record DetectionConfig(String detector, double anomalyThreshold, double criticalThreshold, int checkpointIntervalSeconds) {

  static DetectionConfig from(ConfigSection section) {
    DetectionConfig config = new DetectionConfig(
        section.nonEmptyString("detector"),
        section.number("anomalyThreshold", 0.0, 1.0),
        section.number("criticalThreshold", 0.0, 1.0),
        section.integer("checkpointIntervalSeconds", 1, 3600));
    if (config.criticalThreshold < config.anomalyThreshold) {
      throw new ConfigException(section.keyOf("criticalThreshold"),
          "must not be below detection.anomalyThreshold (" + config.anomalyThreshold + ")");
    }
    section.finish();
    return config;
  }
}
