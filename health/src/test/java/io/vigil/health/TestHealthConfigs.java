package io.vigil.health;

import io.vigil.config.HealthConfig;
import java.util.List;
import java.util.Map;

/** A health section with fixed values the scoring tests' numbers are worked out from, and the dependency map a test needs. */
public final class TestHealthConfigs {

  private TestHealthConfigs() {}

  public static HealthConfig config(Map<String, List<String>> dependencies) {
    return new HealthConfig(true, 10, 60, 600, new HealthConfig.Bands(90, 70),
        new HealthConfig.Deductions(8, 15, 40, 1.5, 10, 30, 15, 35, 25, 30, 40, 20, 5, 40, 15, 10, 25, 15),
        new HealthConfig.Limits(85, 95, 80, 90, 0.01, 0.05, 1.5, 2.5, 30, 0.5), dependencies, Map.of(),
        900, new HealthConfig.LogErrors(5, 5, 60), new HealthConfig.Insights(600, 900, 300, 1800, 50));
  }
}
