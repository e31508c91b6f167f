package io.vigil.alerting;

import io.vertx.core.json.JsonObject;
import io.vigil.config.AlertingConfig;
import io.vigil.model.Anomaly;
import io.vigil.model.Severity;
import io.vigil.testing.TestAnomalies;
import java.util.List;

/** Anomalies, alerts and configurations for the alerting tests. */
final class AlertingFixtures {

  private AlertingFixtures() {}

  static AlertingConfig config(int minAnomalies, int windowSeconds, int recoverySeconds) {
    return new AlertingConfig(true, 0.9, minAnomalies, windowSeconds, recoverySeconds, 3, 900, 0, 60, 100, true, 60, 10, 100, 1000,
        100, 100, 100, 3600, 86400, 0.02, 0.06, "", "https://events.pagerduty.com", "https://api.opsgenie.com",
        new AlertingConfig.Smtp("", 587, "required", "", "", ""), "", List.of());
  }

  static Anomaly anomaly(String service, String metric, long timestampMillis, double score, Severity severity) {
    return TestAnomalies.of(service, metric, timestampMillis, score, severity);
  }

  static Subscription subscription(String json) {
    SubscriptionParser.Result result = SubscriptionParser.parse(new JsonObject(json));
    if (result.subscription() == null) {
      throw new AssertionError("invalid fixture: " + result.errors());
    }
    return result.subscription();
  }
}
