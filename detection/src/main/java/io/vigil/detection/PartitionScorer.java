package io.vigil.detection;

import io.vigil.detectors.DetectionResult;
import io.vigil.detectors.Detector;
import io.vigil.detectors.DetectorType;
import io.vigil.model.Anomaly;
import io.vigil.model.MetricPoint;
import io.vigil.model.ScoredPoint;
import io.vigil.model.ServiceResolver;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scores the points of one input partition, each series with its own detector: points in, scored
 * points and anomalies out, and the detectors of the series that changed as checkpoints. Knows
 * nothing of Kafka, so the scoring rules are tested on their own. A point no newer than the last one
 * scored for its series (a retry, a replay) is not scored again.
 *
 * <p>Not thread-safe: one partition's scorer is used by one event loop.
 */
public final class PartitionScorer {

  /** What one point produced: its scored form and, above the threshold, an anomaly. */
  public record Outcome(ScoredPoint scored, Optional<Anomaly> anomaly) {}

  private final int partition;
  private final DetectorType type;
  private final ServiceResolver services;
  private final double anomalyThreshold;
  private final double criticalThreshold;
  private final Map<String, Series> series = new HashMap<>();
  private final Set<String> changed = new HashSet<>();

  private static final class Series {
    final Detector detector;
    long lastTimestampMillis;

    Series(Detector detector, long lastTimestampMillis) {
      this.detector = detector;
      this.lastTimestampMillis = lastTimestampMillis;
    }
  }

  public PartitionScorer(int partition, DetectorType type, ServiceResolver services, double anomalyThreshold, double criticalThreshold) {
    if (!(anomalyThreshold >= 0 && anomalyThreshold <= criticalThreshold && criticalThreshold <= 1)) {
      throw new IllegalArgumentException("need 0 <= anomalyThreshold <= criticalThreshold <= 1, got "
          + anomalyThreshold + ", " + criticalThreshold);
    }
    this.partition = partition;
    this.type = type;
    this.services = services;
    this.anomalyThreshold = anomalyThreshold;
    this.criticalThreshold = criticalThreshold;
  }

  /**
   * Restores series from checkpoints; one written by another detector type is left out (the
   * configured detector changed, so the series starts afresh). Returns the ids it could not restore.
   */
  public List<String> restore(Collection<SeriesCheckpoint> checkpoints) {
    List<String> failed = new ArrayList<>();
    for (SeriesCheckpoint checkpoint : checkpoints) {
      if (!checkpoint.detectorType().equals(type.name())) {
        continue;
      }
      try {
        series.put(checkpoint.seriesId(), new Series(type.restore(checkpoint.state()), checkpoint.lastTimestampMillis()));
      } catch (RuntimeException e) {
        failed.add(checkpoint.seriesId());
      }
    }
    return failed;
  }

  /** Scores {@code point}; empty when its series already scored a point at or after its timestamp. */
  public Optional<Outcome> score(MetricPoint point) {
    String seriesId = point.series().id();
    Series state = series.get(seriesId);
    if (state == null) {
      state = new Series(type.create(), Long.MIN_VALUE);
      series.put(seriesId, state);
    } else if (point.timestampMillis() <= state.lastTimestampMillis) {
      return Optional.empty();
    }
    DetectionResult result = state.detector.update(point.timestampMillis(), point.value());
    state.lastTimestampMillis = point.timestampMillis();
    changed.add(seriesId);

    ScoredPoint scored = new ScoredPoint(point.series(), services.serviceOf(point.series()), point.timestampMillis(),
        point.value(), result.score(), result.lower(), result.upper(), result.component());
    Optional<Anomaly> anomaly = Optional.empty();
    if (result.score() >= anomalyThreshold) {
      Severity severity = result.score() >= criticalThreshold ? Severity.CRITICAL : Severity.WARNING;
      anomaly = Optional.of(Anomaly.of(scored, severity));
    }
    return Optional.of(new Outcome(scored, anomaly));
  }

  /** Checkpoints of the series scored since the last call; they count as saved from now on. */
  public List<SeriesCheckpoint> changedSinceLastCheckpoint() {
    List<SeriesCheckpoint> checkpoints = new ArrayList<>(changed.size());
    for (String seriesId : changed) {
      Series state = series.get(seriesId);
      checkpoints.add(new SeriesCheckpoint(seriesId, partition, type.name(), state.detector.checkpoint(), state.lastTimestampMillis));
    }
    changed.clear();
    return checkpoints;
  }

  /** Saving these series failed: offer them again at the next checkpoint. */
  public void unsaved(Collection<String> seriesIds) {
    seriesIds.stream().filter(series::containsKey).forEach(changed::add);
  }

  /** How many series this partition holds. */
  public int seriesCount() {
    return series.size();
  }
}
