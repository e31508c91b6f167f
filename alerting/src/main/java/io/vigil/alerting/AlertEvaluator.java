package io.vigil.alerting;

import io.vertx.core.json.JsonObject;
import io.vigil.config.AlertingConfig;
import io.vigil.model.Anomaly;
import io.vigil.model.Wire;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Turns anomalies into alerts: an alert fires when {@code minAnomalies} anomalies at or above the
 * series' threshold fall within the window, and resolves once its recovery time passes (by the
 * injected clock) without another; both in the series' own cadence, and only for anomalies that
 * are fresh when detected and not history, as {@link AlertTiming} rules. Not thread-safe: one owner.
 */
public final class AlertEvaluator {

  static final int ANOMALIES_PER_ALERT = 10;

  private final AlertingConfig config;
  private final AlertTiming timing;
  private final Clock clock;
  private final ToDoubleFunction<String> thresholdOfSeries;
  private final Map<String, Alert> alerts = new HashMap<>();
  private final Map<String, Deque<Long>> pending = new HashMap<>();
  private final List<String> forgotten = new ArrayList<>();

  public AlertEvaluator(AlertingConfig config, Clock clock, ToDoubleFunction<String> thresholdOfSeries) {
    this.config = config;
    this.timing = new AlertTiming(config);
    this.clock = clock;
    this.thresholdOfSeries = thresholdOfSeries;
  }

  /** The labels of the alert an anomaly belongs to: service, namespace, metric, severity, detector and the dimensions. */
  public static Map<String, String> labelsOf(Anomaly anomaly) {
    Map<String, String> labels = new TreeMap<>(anomaly.series().dimensions());
    labels.put("service", anomaly.service());
    labels.put("namespace", anomaly.series().namespace());
    labels.put("metric", anomaly.series().metric());
    labels.put("severity", anomaly.severity().wireName());
    labels.put("detector", anomaly.detector());
    return labels;
  }

  public void restore(Alert alert) {
    alerts.put(alert.fingerprint(), alert);
  }

  /**
   * Drops the alerts that match, without forgetting them (no tombstone is written): they belong to
   * another process now. Returns their fingerprints.
   */
  public Set<String> release(Predicate<Alert> which) {
    Set<String> released = new HashSet<>();
    alerts.values().removeIf(alert -> which.test(alert) && released.add(alert.fingerprint()));
    return released;
  }

  public Collection<Alert> alerts() {
    return Collections.unmodifiableCollection(alerts.values());
  }

  /** The alert with this id or fingerprint. */
  public Optional<Alert> find(String idOrFingerprint) {
    Alert byFingerprint = alerts.get(idOrFingerprint);
    if (byFingerprint != null) {
      return Optional.of(byFingerprint);
    }
    return alerts.values().stream().filter(alert -> alert.id().equals(idOrFingerprint)).findFirst();
  }

  /** {@link #onAnomaly(Anomaly, long)} of an anomaly detected just now. */
  public Optional<Alert> onAnomaly(Anomaly anomaly) {
    return onAnomaly(anomaly, clock.millis());
  }

  /**
   * Counts the anomaly Vigil detected at {@code detectedAtMillis} (its record time on the anomalies
   * topic); returns the alert it started or updated, if any.
   */
  public Optional<Alert> onAnomaly(Anomaly anomaly, long detectedAtMillis) {
    long now = clock.millis();
    if (anomaly.score() < thresholdOfSeries.applyAsDouble(anomaly.seriesId())
        || timing.judge(anomaly, detectedAtMillis, now) != AlertTiming.Verdict.COUNTS) {
      return Optional.empty();
    }
    Map<String, String> labels = labelsOf(anomaly);
    String fingerprint = Alert.fingerprintOf(labels);
    JsonObject wire = Wire.anomaly(anomaly);
    Alert current = alerts.get(fingerprint);
    if (current != null && current.firing()) {
      if (current.anomalies().stream().anyMatch(seen -> anomaly.id().equals(seen.getString("id")))) {
        return Optional.empty(); // a replayed anomaly
      }
      Alert updated = current.withAnomaly(wire, anomaly.timestampMillis(), detectedAtMillis, anomaly.periodMillis(), ANOMALIES_PER_ALERT);
      alerts.put(fingerprint, updated);
      return Optional.of(updated);
    }
    Deque<Long> window = pending.computeIfAbsent(fingerprint, key -> new ArrayDeque<>());
    if (window.contains(anomaly.timestampMillis())) {
      return Optional.empty();
    }
    window.addLast(anomaly.timestampMillis());
    long windowStart = anomaly.timestampMillis() - timing.windowMillisOf(anomaly.periodMillis());
    window.removeIf(timestamp -> timestamp < windowStart);
    if (window.size() < config.minAnomalies()) {
      return Optional.empty();
    }
    pending.remove(fingerprint);
    Map<String, String> annotations = new TreeMap<>();
    annotations.put("summary", anomaly.series().metric() + " of " + (anomaly.service().isEmpty() ? anomaly.series().canonical() : anomaly.service())
        + " is anomalous (value " + anomaly.value() + ", expected " + anomaly.lower() + " to " + anomaly.upper() + ")");
    annotations.put("series", anomaly.series().canonical());
    long startsAt = anomaly.timestampMillis();
    Alert alert = new Alert(Alert.idOf(fingerprint, startsAt), fingerprint, new TreeMap<>(labels), new TreeMap<>(annotations),
        anomaly.seriesId(), true, startsAt, 0, anomaly.timestampMillis(), detectedAtMillis, anomaly.periodMillis(), false, List.of(wire));
    alerts.put(fingerprint, alert);
    return Optional.of(alert);
  }

  /** Resolves recovered alerts and forgets long-resolved ones; returns the alerts that changed. */
  public List<Alert> tick() {
    long now = clock.millis();
    long retentionMillis = config.resolvedRetentionMinutes() * 60_000L;
    List<Alert> changed = new ArrayList<>();
    for (Iterator<Alert> iterator = alerts.values().iterator(); iterator.hasNext(); ) {
      Alert alert = iterator.next();
      if (alert.firing() && timing.recovered(alert, now)) {
        Alert resolved = alert.resolved(now);
        alerts.put(alert.fingerprint(), resolved);
        changed.add(resolved);
      } else if (!alert.firing() && now - alert.endsAtMillis() >= retentionMillis) {
        iterator.remove();
        forgotten.add(alert.fingerprint());
      }
    }
    // A pending window is kept as long as a later anomaly could still join it: up to the longest
    // detection delay and a recovery time past its newest anomaly.
    long keepMillis = config.windowSeconds() * 1000L + config.maxDetectionDelaySeconds() * 1000L + config.recoverySeconds() * 1000L;
    pending.values().removeIf(window -> window.isEmpty() || now - window.peekLast() > keepMillis);
    return changed;
  }

  /**
   * Labels each firing alert that has no insight yet with the one {@code insightOf} finds for it;
   * returns the alerts that changed. An alert keeps the insight it joined for the rest of its episode.
   */
  public List<Alert> joinInsights(Function<Alert, Optional<String>> insightOf) {
    List<Alert> changed = new ArrayList<>();
    for (Alert alert : List.copyOf(alerts.values())) {
      if (alert.firing() && !alert.labels().containsKey(InsightIndex.LABEL)) {
        insightOf.apply(alert).ifPresent(insight -> {
          Alert labelled = alert.withLabel(InsightIndex.LABEL, insight);
          alerts.put(alert.fingerprint(), labelled);
          changed.add(labelled);
        });
      }
    }
    return changed;
  }

  /** The fingerprints forgotten (resolved longer than the retention) since the last call. */
  public List<String> drainForgotten() {
    List<String> drained = List.copyOf(forgotten);
    forgotten.clear();
    return drained;
  }

  /** Acknowledges the alert; empty if there is none with that id or fingerprint. */
  public Optional<Alert> acknowledge(String idOrFingerprint) {
    return find(idOrFingerprint).map(alert -> {
      Alert acked = alert.withAcknowledged(true);
      alerts.put(alert.fingerprint(), acked);
      return acked;
    });
  }
}
