package io.vigil.detection;

import io.vigil.detectors.DetectionResult;
import io.vigil.detectors.Detector;
import io.vigil.detectors.DetectorType;
import io.vigil.model.Anomaly;
import io.vigil.model.MetricPoint;
import io.vigil.model.ScoredPoint;
import io.vigil.model.ServiceResolver;
import io.vigil.model.Severity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores the points of one input partition, each series with its own detector, in time order:
 * points in, scored points and anomalies out, and the state of the series that changed as
 * checkpoints. Knows nothing of Kafka, so the rules are tested on their own.
 *
 * <p>Order, like a stream processor's watermark: a series' points wait until they are no newer than
 * its watermark, the newest timestamp it has received or the server clock, whichever is earlier,
 * less the allowed lateness; waiting points are then scored oldest first. So a point that arrives
 * out of order within the lateness is scored in its place, and a point stamped ahead of the clock
 * waits for the clock instead of pushing the series' time ahead and making every later point late.
 * A point older than the last one scored is late: it is kept and shown, marked late, not scored. A
 * point at a time already scored or waiting is a repeat (a retry, a replay) and is dropped. At most
 * {@link #MAX_PENDING_PER_SERIES} points wait per series; more release the oldest early.
 *
 * <p>Each series' cadence ({@link CadenceEstimate}, checkpointed with it) and its point's history
 * mark travel on every anomaly, so alerting judges freshness and recovery in the series' own time
 * and never pages on a replay.
 *
 * <p>Not thread-safe: one partition's scorer is used by one event loop.
 */
public final class PartitionScorer {

  /** Points of one series that may wait to be scored at once. */
  public static final int MAX_PENDING_PER_SERIES = 1000;

  /** What one released point produced: its scored (or late) form and, above the threshold, an anomaly. */
  public record Outcome(ScoredPoint scored, Optional<Anomaly> anomaly) {}

  /** What taking one point did: the points it released, oldest first, and whether it was a repeat. */
  public record Accepted(List<Outcome> released, boolean repeat) {}

  private final int partition;
  private final DetectorType type;
  private final ServiceResolver services;
  private final double anomalyThreshold;
  private final double criticalThreshold;
  private final long maxLatenessMillis;
  private final Clock clock;
  private final Map<String, Series> series = new HashMap<>();
  private final Set<String> changed = new HashSet<>();
  private final Set<String> waiting = new HashSet<>();

  private static final class Series {
    final Detector detector;
    final CadenceEstimate cadence;
    long lastScoredMillis;
    long newestMillis;
    final TreeMap<Long, MetricPoint> pending = new TreeMap<>();

    Series(Detector detector, CadenceEstimate cadence, long lastScoredMillis) {
      this.detector = detector;
      this.cadence = cadence;
      this.lastScoredMillis = lastScoredMillis;
      this.newestMillis = lastScoredMillis;
    }
  }

  public PartitionScorer(int partition, DetectorType type, ServiceResolver services, double anomalyThreshold,
      double criticalThreshold, long maxLatenessMillis, Clock clock) {
    if (!(anomalyThreshold >= 0 && anomalyThreshold <= criticalThreshold && criticalThreshold <= 1)) {
      throw new IllegalArgumentException("need 0 <= anomalyThreshold <= criticalThreshold <= 1, got "
          + anomalyThreshold + ", " + criticalThreshold);
    }
    if (maxLatenessMillis < 0) {
      throw new IllegalArgumentException("maxLatenessMillis must not be negative, got " + maxLatenessMillis);
    }
    this.partition = partition;
    this.type = type;
    this.services = services;
    this.anomalyThreshold = anomalyThreshold;
    this.criticalThreshold = criticalThreshold;
    this.maxLatenessMillis = maxLatenessMillis;
    this.clock = clock;
  }

  /**
   * Restores series from checkpoints, with the points they had waiting; one written by another
   * detector type is left out (the configured detector changed, so the series starts afresh).
   * Returns the ids it could not restore.
   */
  public List<String> restore(Collection<SeriesCheckpoint> checkpoints) {
    List<String> failed = new ArrayList<>();
    for (SeriesCheckpoint checkpoint : checkpoints) {
      if (!checkpoint.detectorType().equals(type.name())) {
        continue;
      }
      Series state;
      try {
        state = new Series(type.restore(checkpoint.state()), new CadenceEstimate(checkpoint.gapsMillis()), checkpoint.lastTimestampMillis());
      } catch (RuntimeException e) {
        failed.add(checkpoint.seriesId());
        continue;
      }
      series.put(checkpoint.seriesId(), state);
      for (MetricPoint point : checkpoint.pending()) {
        state.pending.put(point.timestampMillis(), point);
        state.newestMillis = Math.max(state.newestMillis, point.timestampMillis());
      }
      if (!state.pending.isEmpty()) {
        waiting.add(checkpoint.seriesId());
      }
    }
    return failed;
  }

  /** Takes one point of this partition and releases what is due in its series. */
  public Accepted accept(MetricPoint point) {
    String seriesId = point.series().id();
    Series state = series.computeIfAbsent(seriesId, id -> new Series(type.create(), new CadenceEstimate(), Long.MIN_VALUE));
    long timestamp = point.timestampMillis();
    if (timestamp == state.lastScoredMillis || state.pending.containsKey(timestamp)) {
      return new Accepted(List.of(), true);
    }
    List<Outcome> released = new ArrayList<>();
    if (timestamp < state.lastScoredMillis) {
      released.add(new Outcome(ScoredPoint.late(point.series(), services.serviceOf(point.series()), timestamp, point.value()), Optional.empty()));
      return new Accepted(released, false);
    }
    state.pending.put(timestamp, point);
    state.newestMillis = Math.max(state.newestMillis, timestamp);
    changed.add(seriesId);
    release(seriesId, state, released);
    return new Accepted(released, false);
  }

  /** Releases the waiting points whose wait is over as the clock moved on; called periodically. */
  public List<Outcome> releaseDue() {
    List<Outcome> released = new ArrayList<>();
    for (String seriesId : new ArrayList<>(waiting)) {
      release(seriesId, series.get(seriesId), released);
    }
    return released;
  }

  private void release(String seriesId, Series state, List<Outcome> released) {
    long watermark = Math.min(state.newestMillis, clock.millis()) - maxLatenessMillis;
    Iterator<Map.Entry<Long, MetricPoint>> due = state.pending.entrySet().iterator();
    while (due.hasNext()) {
      Map.Entry<Long, MetricPoint> next = due.next();
      if (next.getKey() > watermark && state.pending.size() <= MAX_PENDING_PER_SERIES) {
        break;
      }
      due.remove();
      released.add(score(state, next.getValue()));
      changed.add(seriesId);
    }
    if (state.pending.isEmpty()) {
      waiting.remove(seriesId);
    } else {
      waiting.add(seriesId);
    }
  }

  private Outcome score(Series state, MetricPoint point) {
    DetectionResult result = state.detector.update(point.timestampMillis(), point.value());
    state.cadence.observe(state.lastScoredMillis, point.timestampMillis());
    state.lastScoredMillis = point.timestampMillis();
    ScoredPoint scored = new ScoredPoint(point.series(), services.serviceOf(point.series()), point.timestampMillis(),
        point.value(), result.score(), result.lower(), result.upper(), result.component());
    Optional<Anomaly> anomaly = Optional.empty();
    if (result.score() >= anomalyThreshold) {
      Severity severity = result.score() >= criticalThreshold ? Severity.CRITICAL : Severity.WARNING;
      anomaly = Optional.of(Anomaly.of(scored, severity).withOrigin(state.cadence.periodMillis(), point.history()));
    }
    return new Outcome(scored, anomaly);
  }

  /** Checkpoints of the series that changed since the last call, with their waiting points; they count as saved from now on. */
  public List<SeriesCheckpoint> changedSinceLastCheckpoint() {
    List<SeriesCheckpoint> checkpoints = new ArrayList<>(changed.size());
    for (String seriesId : changed) {
      Series state = series.get(seriesId);
      checkpoints.add(new SeriesCheckpoint(seriesId, partition, type.name(), state.detector.checkpoint(), state.lastScoredMillis,
          new ArrayList<>(state.pending.values()), state.cadence.gaps()));
    }
    changed.clear();
    return checkpoints;
  }

  /** Saving these series failed: offer them again at the next checkpoint. */
  public void unsaved(Collection<String> seriesIds) {
    seriesIds.stream().filter(series::containsKey).forEach(changed::add);
  }

  /** The input partition this scorer scores; its scores go to the same partition of the scores topic. */
  public int partition() {
    return partition;
  }

  /** How many series this partition holds. */
  public int seriesCount() {
    return series.size();
  }

  /** How many points wait to be scored, over all series. */
  public int pendingCount() {
    int count = 0;
    for (String seriesId : waiting) {
      count += series.get(seriesId).pending.size();
    }
    return count;
  }
}
