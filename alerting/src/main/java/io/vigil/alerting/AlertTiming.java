package io.vigil.alerting;

import io.vigil.config.AlertingConfig;
import io.vigil.model.Anomaly;

/**
 * When an anomaly may start or extend an alert, and when an alert has recovered, both judged in
 * the series' own cadence and against when Vigil learned of the anomaly (its detection time, the
 * Kafka record time of the anomaly), not against the anomaly's timestamp alone.
 *
 * <p>A datapoint is late by construction when its series is coarse: CloudWatch stamps a datapoint
 * with the start of its period and the source emits it a settle delay after the period ended, so a
 * 5-minute metric reaches detection six minutes or more after its timestamp. The rule therefore
 * allows {@code maxDetectionDelaySeconds} after the end of the anomaly's period:
 * <ul>
 *   <li>an anomaly on a history point (a replay, a backfill, catch-up) never counts;</li>
 *   <li>one detected more than {@code period + maxDetectionDelay} after its timestamp is history
 *       too (data that arrived long after the fact is not an incident now);</li>
 *   <li>one whose alert would already have recovered by the clock when alerting reads it (the stage
 *       was down, or is reading a backlog) does not count either: it would fire and resolve at once.</li>
 * </ul>
 * An alert recovers {@code max(recoverySeconds, recoveryPeriods × period)} after the later of its
 * newest anomaly's timestamp and that anomaly's detection, so a 5-minute series is not recovered
 * after one quiet minute; the counting window stretches the same way, to at least
 * {@code minAnomalies × period}. A series whose cadence is not known yet counts as period 0.
 */
final class AlertTiming {

  /** Why an anomaly does not count; {@link #COUNTS} when it does. */
  enum Verdict { COUNTS, HISTORY, DETECTED_LATE, ALREADY_RECOVERED }

  private final long recoveryMillis;
  private final int recoveryPeriods;
  private final long maxDetectionDelayMillis;
  private final long windowMillis;
  private final int minAnomalies;

  AlertTiming(AlertingConfig config) {
    this.recoveryMillis = config.recoverySeconds() * 1000L;
    this.recoveryPeriods = config.recoveryPeriods();
    this.maxDetectionDelayMillis = config.maxDetectionDelaySeconds() * 1000L;
    this.windowMillis = config.windowSeconds() * 1000L;
    this.minAnomalies = config.minAnomalies();
  }

  Verdict judge(Anomaly anomaly, long detectedAtMillis, long nowMillis) {
    if (anomaly.history()) {
      return Verdict.HISTORY;
    }
    long periodMillis = Math.max(0, anomaly.periodMillis());
    if (detectedAtMillis - (anomaly.timestampMillis() + periodMillis) > maxDetectionDelayMillis) {
      return Verdict.DETECTED_LATE;
    }
    if (nowMillis - quietSinceMillis(anomaly.timestampMillis(), detectedAtMillis) >= recoveryMillisOf(periodMillis)) {
      return Verdict.ALREADY_RECOVERED;
    }
    return Verdict.COUNTS;
  }

  /** How long an alert of a series with this period stays firing without a counting anomaly. */
  long recoveryMillisOf(long periodMillis) {
    return Math.max(recoveryMillis, recoveryPeriods * Math.max(0, periodMillis));
  }

  /** How far apart the anomalies that fire an alert together may be, for a series with this period. */
  long windowMillisOf(long periodMillis) {
    return Math.max(windowMillis, minAnomalies * Math.max(0, periodMillis));
  }

  /** An alert is quiet from the later of its newest anomaly's timestamp and its detection. */
  static long quietSinceMillis(long lastAnomalyMillis, long lastDetectedMillis) {
    return Math.max(lastAnomalyMillis, lastDetectedMillis);
  }

  /** Whether a firing alert has recovered by {@code nowMillis}. */
  boolean recovered(Alert alert, long nowMillis) {
    return nowMillis - quietSinceMillis(alert.lastAnomalyMillis(), alert.lastDetectedMillis()) >= recoveryMillisOf(alert.periodMillis());
  }
}
