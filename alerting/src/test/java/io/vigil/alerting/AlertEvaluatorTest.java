package io.vigil.alerting;

import static io.vigil.alerting.AlertingFixtures.anomaly;
import static io.vigil.alerting.AlertingFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Severity;
import io.vigil.testing.ManualClock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {

  private final ManualClock clock = new ManualClock(1_700_000_000_000L);

  @Test
  void firesAfterNAnomaliesWithinTheWindowAndResolvesAfterRecovery() {
    AlertEvaluator evaluator = new AlertEvaluator(config(3, 60, 120), clock, series -> 0.9);
    long t = clock.millis();
    assertThat(evaluator.onAnomaly(anomaly("api", "CPUUtilization", t, 0.95, Severity.WARNING))).isEmpty();
    assertThat(evaluator.onAnomaly(anomaly("api", "CPUUtilization", t + 10_000, 0.95, Severity.WARNING))).isEmpty();
    // Below the threshold: does not count.
    assertThat(evaluator.onAnomaly(anomaly("api", "CPUUtilization", t + 15_000, 0.5, Severity.WARNING))).isEmpty();
    Optional<Alert> fired = evaluator.onAnomaly(anomaly("api", "CPUUtilization", t + 20_000, 0.95, Severity.WARNING));
    assertThat(fired).isPresent();
    Alert alert = fired.get();
    assertThat(alert.firing()).isTrue();
    assertThat(alert.labels()).containsEntry("service", "api").containsEntry("metric", "CPUUtilization")
        .containsEntry("severity", "warning").containsEntry("detector", "level").containsEntry("ServiceName", "api");
    assertThat(alert.fingerprint()).isEqualTo(Alert.fingerprintOf(alert.labels()));

    clock.advanceSeconds(20 + 119);
    assertThat(evaluator.tick()).isEmpty();
    clock.advanceSeconds(1);
    assertThat(evaluator.tick()).singleElement().satisfies(resolved -> {
      assertThat(resolved.firing()).isFalse();
      assertThat(resolved.endsAtMillis()).isEqualTo(clock.millis());
      assertThat(resolved.id()).isEqualTo(alert.id());
    });
    assertThat(evaluator.drainForgotten()).isEmpty();
    clock.advanceSeconds(60 * 60);
    evaluator.tick();
    assertThat(evaluator.drainForgotten()).as("resolved longer than the retention").containsExactly(alert.fingerprint());
    assertThat(evaluator.alerts()).isEmpty();
  }

  @Test
  void releasedAlertsLeaveWithoutATombstone() {
    AlertEvaluator evaluator = new AlertEvaluator(config(1, 60, 10), clock, series -> 0.9);
    Alert api = evaluator.onAnomaly(anomaly("api", "Latency", clock.millis(), 0.99, Severity.CRITICAL)).orElseThrow();
    Alert web = evaluator.onAnomaly(anomaly("web", "Latency", clock.millis(), 0.99, Severity.CRITICAL)).orElseThrow();
    assertThat(evaluator.release(alert -> alert.labels().get("service").equals("api"))).containsExactly(api.fingerprint());
    assertThat(evaluator.alerts()).containsExactly(web);
    assertThat(evaluator.drainForgotten()).isEmpty();
  }

  @Test
  void anomaliesSpreadWiderThanTheWindowDoNotFire() {
    AlertEvaluator evaluator = new AlertEvaluator(config(2, 60, 600), clock, series -> 0.9);
    long t = clock.millis();
    assertThat(evaluator.onAnomaly(anomaly("api", "Latency", t, 0.95, Severity.WARNING))).isEmpty();
    assertThat(evaluator.onAnomaly(anomaly("api", "Latency", t + 61_000, 0.95, Severity.WARNING))).isEmpty();
    assertThat(evaluator.onAnomaly(anomaly("api", "Latency", t + 100_000, 0.95, Severity.WARNING))).isPresent();
  }

  @Test
  void staleAnomaliesNeverStartAnAlertAndReplaysAreIgnored() {
    AlertEvaluator evaluator = new AlertEvaluator(config(1, 60, 120), clock, series -> 0.9);
    assertThat(evaluator.onAnomaly(anomaly("api", "Latency", clock.millis() - 121_000, 0.99, Severity.CRITICAL))).isEmpty();
    var first = anomaly("api", "Latency", clock.millis(), 0.99, Severity.CRITICAL);
    assertThat(evaluator.onAnomaly(first)).isPresent();
    assertThat(evaluator.onAnomaly(first)).isEmpty();
  }

  @Test
  void ackIsClearedWhenTheAlertResolvesAndAReFireIsANewEpisode() {
    AlertEvaluator evaluator = new AlertEvaluator(config(1, 60, 10), clock, series -> 0.9);
    Alert alert = evaluator.onAnomaly(anomaly("api", "Latency", clock.millis(), 0.99, Severity.CRITICAL)).orElseThrow();
    assertThat(evaluator.acknowledge(alert.id()).orElseThrow().acknowledged()).isTrue();
    clock.advanceSeconds(10);
    assertThat(evaluator.tick()).singleElement().satisfies(resolved -> assertThat(resolved.acknowledged()).isFalse());
    clock.advanceSeconds(5);
    Alert again = evaluator.onAnomaly(anomaly("api", "Latency", clock.millis(), 0.99, Severity.CRITICAL)).orElseThrow();
    assertThat(again.fingerprint()).isEqualTo(alert.fingerprint());
    assertThat(again.id()).isNotEqualTo(alert.id());
  }

  @Test
  void notAnomalyFeedbackRaisesTheSeriesThresholdWithinABound() {
    FeedbackLedger ledger = new FeedbackLedger(0.9, 0.02, 0.06);
    AlertEvaluator evaluator = new AlertEvaluator(config(1, 60, 600), clock, ledger::thresholdOf);
    var first = anomaly("api", "Latency", clock.millis(), 0.93, Severity.WARNING);
    String seriesId = first.seriesId();
    for (int i = 0; i < 2; i++) {
      ledger.add(new io.vertx.core.json.JsonObject().put("alertId", "x").put("seriesId", seriesId).put("verdict", "not_anomaly"));
    }
    assertThat(ledger.thresholdOf(seriesId)).isCloseTo(0.94, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(evaluator.onAnomaly(first)).isEmpty();
    for (int i = 0; i < 10; i++) {
      ledger.add(new io.vertx.core.json.JsonObject().put("alertId", "x").put("seriesId", seriesId).put("verdict", "not_anomaly"));
    }
    assertThat(ledger.thresholdOf(seriesId)).isCloseTo(0.96, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(ledger.thresholdOf("s-other")).isEqualTo(0.9);
    assertThat(evaluator.onAnomaly(anomaly("api", "Latency", clock.millis() + 1000, 0.97, Severity.WARNING))).isPresent();
  }
}
