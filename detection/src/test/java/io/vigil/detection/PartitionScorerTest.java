package io.vigil.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detectors.DetectorRegistry;
import io.vigil.detectors.DetectorType;
import io.vigil.model.MetricPoint;
import io.vigil.model.SeriesKey;
import io.vigil.model.ServiceResolver;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The scoring rules of one partition, without Kafka: points in, scored points, anomalies and checkpoints out. */
class PartitionScorerTest {

  private static final DetectorType DEFAULT = DetectorRegistry.load().byName("default");
  private static final ServiceResolver SERVICES = new ServiceResolver(List.of("ServiceName"));
  private static final SeriesKey API_CPU = SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", "api"));
  private static final SeriesKey WORKER_CPU = SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", "worker"));
  private static final long STEP_MILLIS = 60_000;

  private static PartitionScorer scorer() {
    return new PartitionScorer(3, DEFAULT, SERVICES, 0.9, 0.98);
  }

  /** 400 quiet points, then one 40 spreads out. */
  private static List<MetricPoint> quietThenSpike(SeriesKey series) {
    SplittableRandom random = new SplittableRandom(5);
    List<MetricPoint> points = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      points.add(new MetricPoint(series, i * STEP_MILLIS, 40 + random.nextGaussian(), "Percent"));
    }
    points.add(new MetricPoint(series, 400 * STEP_MILLIS, 80, "Percent"));
    return points;
  }

  @Test
  void aSpikeAfterQuietPointsIsAnAnomalyOfTheSeriesService() {
    PartitionScorer scorer = scorer();
    List<PartitionScorer.Outcome> outcomes = new ArrayList<>();
    quietThenSpike(API_CPU).forEach(point -> scorer.score(point).ifPresent(outcomes::add));

    assertThat(outcomes).hasSize(401);
    PartitionScorer.Outcome spike = outcomes.get(400);
    assertThat(spike.scored().service()).isEqualTo("api");
    assertThat(spike.anomaly()).hasValueSatisfying(anomaly -> {
      assertThat(anomaly.timestampMillis()).isEqualTo(400 * STEP_MILLIS);
      assertThat(anomaly.severity()).isIn(Severity.WARNING, Severity.CRITICAL);
    });
    assertThat(outcomes.subList(0, 50)).allSatisfy(outcome -> assertThat(outcome.anomaly()).isEmpty());
  }

  @Test
  void aPointNoNewerThanTheSeriesLastIsNotScoredAgain() {
    PartitionScorer scorer = scorer();
    assertThat(scorer.score(new MetricPoint(API_CPU, 2 * STEP_MILLIS, 1, "Percent"))).isPresent();
    assertThat(scorer.score(new MetricPoint(API_CPU, 2 * STEP_MILLIS, 5, "Percent"))).isEmpty();
    assertThat(scorer.score(new MetricPoint(API_CPU, STEP_MILLIS, 5, "Percent"))).isEmpty();
    // Another series has its own clock.
    assertThat(scorer.score(new MetricPoint(WORKER_CPU, STEP_MILLIS, 5, "Percent"))).isPresent();
  }

  @Test
  void checkpointsHoldTheChangedSeriesOnceAndRestoreToIdenticalScores() {
    List<MetricPoint> points = quietThenSpike(API_CPU);
    PartitionScorer original = scorer();
    points.subList(0, 300).forEach(original::score);
    List<SeriesCheckpoint> checkpoints = original.changedSinceLastCheckpoint();
    assertThat(checkpoints).singleElement().satisfies(checkpoint -> {
      assertThat(checkpoint.partition()).isEqualTo(3);
      assertThat(checkpoint.lastTimestampMillis()).isEqualTo(299 * STEP_MILLIS);
    });
    assertThat(original.changedSinceLastCheckpoint()).as("nothing changed since").isEmpty();

    PartitionScorer restored = scorer();
    assertThat(restored.restore(List.of(SeriesCheckpoint.fromJson(checkpoints.get(0).toJson())))).isEmpty();
    for (MetricPoint point : points.subList(300, points.size())) {
      Optional<PartitionScorer.Outcome> expected = original.score(point);
      Optional<PartitionScorer.Outcome> actual = restored.score(point);
      assertThat(actual.map(outcome -> outcome.scored().score())).isEqualTo(expected.map(outcome -> outcome.scored().score()));
    }
    // A restored series does not score its checkpointed past again.
    assertThat(restored.score(points.get(10))).isEmpty();
  }

  @Test
  void unsavedSeriesAreOfferedAgainAndOtherDetectorsCheckpointsAreLeftOut() {
    PartitionScorer scorer = scorer();
    scorer.score(new MetricPoint(API_CPU, STEP_MILLIS, 1, "Percent"));
    List<SeriesCheckpoint> first = scorer.changedSinceLastCheckpoint();
    scorer.unsaved(List.of(API_CPU.id(), "s-unknown"));
    assertThat(scorer.changedSinceLastCheckpoint()).extracting(SeriesCheckpoint::seriesId).containsExactly(API_CPU.id());

    PartitionScorer other = scorer();
    SeriesCheckpoint foreign = new SeriesCheckpoint(API_CPU.id(), 3, "rcf", first.get(0).state(), STEP_MILLIS);
    assertThat(other.restore(List.of(foreign))).isEmpty();
    assertThat(other.seriesCount()).isZero();
    SeriesCheckpoint corrupt = new SeriesCheckpoint(API_CPU.id(), 3, "default", new byte[] {1, 2, 3}, STEP_MILLIS);
    assertThat(other.restore(List.of(corrupt))).containsExactly(API_CPU.id());
  }

  @Test
  void thresholdsAreChecked() {
    assertThatThrownBy(() -> new PartitionScorer(0, DEFAULT, SERVICES, 0.99, 0.9))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anomalyThreshold");
  }
}
