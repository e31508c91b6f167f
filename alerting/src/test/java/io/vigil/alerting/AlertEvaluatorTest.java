package io.vigil.alerting;

import static io.vigil.alerting.AlertingFixtures.anomaly;
import static io.vigil.alerting.AlertingFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Anomaly;
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
  void anomaliesDetectedLongAfterTheirPeriodNeverStartAnAlertAndReplaysAreIgnored() {
    AlertEvaluator evaluator = new AlertEvaluator(config(1, 60, 120), clock, series -> 0.9);
    // Period unknown: 15 minutes of detection delay (the default) and no more.
    assertThat(evaluator.onAnomaly(anomaly("api", "Latency", clock.millis() - 900_001, 0.99, Severity.CRITICAL))).isEmpty();
    var first = anomaly("api", "Latency", clock.millis() - 900_000, 0.99, Severity.CRITICAL);
    assertThat(evaluator.onAnomaly(first)).isPresent();
    assertThat(evaluator.onAnomaly(first)).isEmpty();
  }

  private static final long FIVE_MINUTES = 300_000;

  private static Anomaly fiveMinute(long timestampMillis) {
    return anomaly("db", "CPUUtilization", timestampMillis, 0.99, Severity.CRITICAL).withOrigin(FIVE_MINUTES, false);
  }

  @Test
  void aFiveMinuteSeriesAnomalyDetectedSevenMinutesAfterItsTimestampStartsAnAlert() {
    AlertEvaluator evaluator = new AlertEvaluator(config(1, 300, 300), clock, series -> 0.9);
    long timestamp = clock.millis() - 7 * 60_000;
    Alert alert = evaluator.onAnomaly(fiveMinute(timestamp), clock.millis()).orElseThrow();
    assertThat(alert.periodMillis()).isEqualTo(FIVE_MINUTES);
    assertThat(alert.startsAtMillis()).isEqualTo(timestamp);
    assertThat(alert.lastDetectedMillis()).isEqualTo(clock.millis());
  }

  @Test
  void aFiveMinuteSeriesAnomalyDetectedTwentyMinutesAfterItsPeriodEndedDoesNot() {
    AlertEvaluator evaluator = new AlertEvaluator(config(1, 300, 300), clock, series -> 0.9);
    long detected = clock.millis();
    assertThat(evaluator.onAnomaly(fiveMinute(detected - FIVE_MINUTES - 20 * 60_000), detected)).isEmpty();
    // The limit is the period plus maxDetectionDelaySeconds (900 s), not a minute more.
    assertThat(evaluator.onAnomaly(fiveMinute(detected - FIVE_MINUTES - 900_001), detected)).isEmpty();
    assertThat(evaluator.onAnomaly(fiveMinute(detected - FIVE_MINUTES - 900_000), detected)).isPresent();
  }

  @Test
  void aHistoryAnomalyNeverStartsOrExtendsAnAlertHoweverFresh() {
    AlertEvaluator evaluator = new AlertEvaluator(config(1, 300, 300), clock, series -> 0.9);
    Anomaly replayed = fiveMinute(clock.millis()).withOrigin(FIVE_MINUTES, true);
    assertThat(evaluator.onAnomaly(replayed, clock.millis())).isEmpty();
    Alert live = evaluator.onAnomaly(fiveMinute(clock.millis() - FIVE_MINUTES), clock.millis()).orElseThrow();
    assertThat(evaluator.onAnomaly(replayed, clock.millis())).isEmpty();
    assertThat(evaluator.find(live.fingerprint()).orElseThrow().anomalies()).hasSize(1);
  }

  @Test
  void aFiveMinuteSeriesIsNotResolvedAfterOneQuietMinuteButAfterThreeOfItsPeriods() {
    AlertEvaluator evaluator = new AlertEvaluator(config(1, 300, 300), clock, series -> 0.9);
    Alert alert = evaluator.onAnomaly(fiveMinute(clock.millis() - 6 * 60_000), clock.millis()).orElseThrow();
    clock.advanceSeconds(60);
    assertThat(evaluator.tick()).isEmpty();
    clock.advanceSeconds(6 * 60); // recoverySeconds (300) has passed, but not three periods
    assertThat(evaluator.tick()).isEmpty();
    clock.advanceSeconds(8 * 60 - 1);
    assertThat(evaluator.tick()).isEmpty();
    clock.advanceSeconds(1);
    assertThat(evaluator.tick()).singleElement().satisfies(resolved -> {
      assertThat(resolved.id()).isEqualTo(alert.id());
      assertThat(resolved.firing()).isFalse();
    });
  }

  @Test
  void anAnomalyReadAfterItsAlertWouldHaveRecoveredDoesNotFireAndResolveAtOnce() {
    AlertEvaluator evaluator = new AlertEvaluator(config(1, 60, 120), clock, series -> 0.9);
    long detected = clock.millis() - 120_000;
    assertThat(evaluator.onAnomaly(anomaly("api", "Latency", detected - 1000, 0.99, Severity.CRITICAL), detected)).isEmpty();
    assertThat(evaluator.onAnomaly(anomaly("api", "Latency", detected + 1, 0.99, Severity.CRITICAL), detected + 1)).isPresent();
  }

  @Test
  void aFiveMinuteSeriesNeedsItsAnomaliesWithinMinAnomaliesPeriodsNotWithinTheWindowSeconds() {
    AlertEvaluator evaluator = new AlertEvaluator(config(3, 300, 300), clock, series -> 0.9);
    long t = clock.millis();
    assertThat(evaluator.onAnomaly(fiveMinute(t - 2 * FIVE_MINUTES), t)).isEmpty();
    assertThat(evaluator.onAnomaly(fiveMinute(t - FIVE_MINUTES), t)).isEmpty();
    assertThat(evaluator.onAnomaly(fiveMinute(t), t)).isPresent();
  }

  @Test
  void anAlertWrittenBeforeCadenceWasKeptReadsWithItsLastAnomalyAsItsDetection() {
    AlertEvaluator evaluator = new AlertEvaluator(config(1, 300, 300), clock, series -> 0.9);
    Alert alert = evaluator.onAnomaly(fiveMinute(clock.millis() - 60_000), clock.millis()).orElseThrow();
    io.vertx.core.json.JsonObject old = alert.toJson();
    old.remove("lastDetectedMillis");
    old.remove("periodMillis");
    Alert read = Alert.fromJson(old);
    assertThat(read.lastDetectedMillis()).isEqualTo(alert.lastAnomalyMillis());
    assertThat(read.periodMillis()).isZero();
    assertThat(Alert.fromJson(alert.toJson())).isEqualTo(alert);
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

  @Test
  void aFiringAlertJoinsItsInsightOnceKeepsItsFingerprintAndKeepsTheLabelAsAnomaliesArrive() {
    AlertEvaluator evaluator = new AlertEvaluator(config(1, 60, 600), clock, series -> 0.9);
    Alert fired = evaluator.onAnomaly(anomaly("worker", "MemoryUtilization", clock.millis(), 0.99, Severity.CRITICAL)).orElseThrow();

    assertThat(evaluator.joinInsights(alert -> Optional.empty())).isEmpty();
    assertThat(evaluator.joinInsights(alert -> Optional.of("in-1"))).singleElement().satisfies(labelled -> {
      assertThat(labelled.labels()).containsEntry("insight", "in-1");
      assertThat(labelled.fingerprint()).isEqualTo(fired.fingerprint());
      assertThat(labelled.id()).isEqualTo(fired.id());
    });
    assertThat(evaluator.joinInsights(alert -> Optional.of("in-2"))).as("an episode keeps the insight it joined").isEmpty();
    clock.advanceSeconds(30);
    Alert updated = evaluator.onAnomaly(anomaly("worker", "MemoryUtilization", clock.millis(), 0.99, Severity.CRITICAL)).orElseThrow();
    assertThat(updated.labels()).containsEntry("insight", "in-1");
  }
}
