package io.vigil.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detectors.DetectorRegistry;
import io.vigil.detectors.DetectorType;
import io.vigil.model.MetricPoint;
import io.vigil.model.SeriesKey;
import io.vigil.model.ServiceResolver;
import io.vigil.model.Severity;
import io.vigil.testing.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The scoring rules of one partition, without Kafka: points in, scored, late and anomalous points
 * and checkpoints out, in time order under a watermark, with the clock advanced by hand.
 */
class PartitionScorerTest {

  private static final DetectorType DEFAULT = DetectorRegistry.load().byName("default");
  private static final ServiceResolver SERVICES = new ServiceResolver(List.of("ServiceName"));
  private static final SeriesKey API_CPU = SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", "api"));
  private static final SeriesKey WORKER_CPU = SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", "worker"));
  private static final long STEP_MILLIS = 60_000;
  /** The server clock: a day after the points start, so history is in the past. */
  private static final long NOW_MILLIS = 86_400_000L;

  private final ManualClock clock = new ManualClock(NOW_MILLIS);

  private PartitionScorer scorer(long maxLatenessMillis) {
    return new PartitionScorer(3, DEFAULT, SERVICES, 0.9, 0.98, maxLatenessMillis, clock);
  }

  private static MetricPoint at(SeriesKey series, long timestampMillis, double value) {
    return new MetricPoint(series, timestampMillis, value, "Percent");
  }

  /** 400 quiet points, then one 40 spreads out. */
  private static List<MetricPoint> quietThenSpike(SeriesKey series) {
    SplittableRandom random = new SplittableRandom(5);
    List<MetricPoint> points = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      points.add(at(series, i * STEP_MILLIS, 40 + random.nextGaussian()));
    }
    points.add(at(series, 400 * STEP_MILLIS, 80));
    return points;
  }

  private static List<Long> times(List<PartitionScorer.Outcome> outcomes) {
    return outcomes.stream().map(outcome -> outcome.scored().timestampMillis()).toList();
  }

  @Test
  void aSpikeAfterQuietPointsIsAnAnomalyOfTheSeriesService() {
    PartitionScorer scorer = scorer(0);
    List<PartitionScorer.Outcome> outcomes = new ArrayList<>();
    quietThenSpike(API_CPU).forEach(point -> outcomes.addAll(scorer.accept(point).released()));

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
  void withoutLatenessAnOlderPointIsKeptMarkedLateAndARepeatIsDropped() {
    PartitionScorer scorer = scorer(0);
    assertThat(times(scorer.accept(at(API_CPU, 2 * STEP_MILLIS, 1)).released())).containsExactly(2 * STEP_MILLIS);

    PartitionScorer.Accepted repeat = scorer.accept(at(API_CPU, 2 * STEP_MILLIS, 5));
    assertThat(repeat.repeat()).isTrue();
    assertThat(repeat.released()).isEmpty();

    PartitionScorer.Accepted older = scorer.accept(at(API_CPU, STEP_MILLIS, 5));
    assertThat(older.repeat()).isFalse();
    assertThat(older.released()).singleElement().satisfies(outcome -> {
      assertThat(outcome.scored().late()).isTrue();
      assertThat(outcome.scored().value()).isEqualTo(5);
      assertThat(outcome.anomaly()).isEmpty();
    });
    // Another series has its own time.
    assertThat(times(scorer.accept(at(WORKER_CPU, STEP_MILLIS, 5)).released())).containsExactly(STEP_MILLIS);
  }

  @Test
  void withinTheLatenessOutOfOrderPointsAreScoredInTimeOrder() {
    PartitionScorer scorer = scorer(2 * STEP_MILLIS);
    List<PartitionScorer.Outcome> released = new ArrayList<>();
    for (long minute : new long[] {1, 3, 2, 4, 6, 5, 7}) {
      released.addAll(scorer.accept(at(API_CPU, minute * STEP_MILLIS, minute)).released());
    }
    // The watermark is the newest (7) less two minutes: 1 to 5 are due, in order; 6 and 7 wait.
    assertThat(times(released)).containsExactly(STEP_MILLIS, 2 * STEP_MILLIS, 3 * STEP_MILLIS, 4 * STEP_MILLIS, 5 * STEP_MILLIS);
    assertThat(released).noneMatch(outcome -> outcome.scored().late());
    assertThat(scorer.pendingCount()).isEqualTo(2);
    // Later than the lateness: kept, marked late.
    assertThat(scorer.accept(at(API_CPU, 4 * STEP_MILLIS + 1, 9)).released()).singleElement()
        .satisfies(outcome -> assertThat(outcome.scored().late()).isTrue());
  }

  @Test
  void aPointAheadOfTheClockWaitsForItInsteadOfMakingTheSeriesLate() {
    PartitionScorer scorer = scorer(0);
    long future = NOW_MILLIS + 290_000;
    assertThat(scorer.accept(at(API_CPU, future, 99)).released()).isEmpty();
    // Points at the clock's time still score, in order.
    assertThat(times(scorer.accept(at(API_CPU, NOW_MILLIS, 1)).released())).containsExactly(NOW_MILLIS);
    clock.advanceSeconds(1);
    assertThat(times(scorer.accept(at(API_CPU, NOW_MILLIS + 1000, 2)).released())).containsExactly(NOW_MILLIS + 1000);
    assertThat(scorer.releaseDue()).isEmpty();
    clock.advanceSeconds(289);
    assertThat(times(scorer.releaseDue())).containsExactly(future);
    assertThat(scorer.pendingCount()).isZero();
  }

  @Test
  void waitingPointsAreCheckpointedAndScoredAfterARestore() {
    PartitionScorer original = scorer(0);
    original.accept(at(API_CPU, NOW_MILLIS - STEP_MILLIS, 1));
    original.accept(at(API_CPU, NOW_MILLIS + STEP_MILLIS, 2)); // waits for the clock
    List<SeriesCheckpoint> checkpoints = original.changedSinceLastCheckpoint();
    assertThat(checkpoints).singleElement().satisfies(checkpoint -> {
      assertThat(checkpoint.lastTimestampMillis()).isEqualTo(NOW_MILLIS - STEP_MILLIS);
      assertThat(checkpoint.pending()).extracting(MetricPoint::timestampMillis).containsExactly(NOW_MILLIS + STEP_MILLIS);
    });

    PartitionScorer restored = scorer(0);
    restored.restore(List.of(SeriesCheckpoint.fromJson(checkpoints.get(0).toJson())));
    assertThat(restored.pendingCount()).isEqualTo(1);
    clock.advanceMillis(STEP_MILLIS);
    assertThat(restored.releaseDue()).singleElement().satisfies(outcome -> {
      assertThat(outcome.scored().series()).isEqualTo(API_CPU);
      assertThat(outcome.scored().value()).isEqualTo(2);
    });
  }

  @Test
  void checkpointsHoldTheChangedSeriesOnceAndRestoreToIdenticalScores() {
    List<MetricPoint> points = quietThenSpike(API_CPU);
    PartitionScorer original = scorer(0);
    points.subList(0, 300).forEach(original::accept);
    List<SeriesCheckpoint> checkpoints = original.changedSinceLastCheckpoint();
    assertThat(checkpoints).singleElement().satisfies(checkpoint -> {
      assertThat(checkpoint.partition()).isEqualTo(3);
      assertThat(checkpoint.lastTimestampMillis()).isEqualTo(299 * STEP_MILLIS);
      assertThat(checkpoint.pending()).isEmpty();
    });
    assertThat(original.changedSinceLastCheckpoint()).as("nothing changed since").isEmpty();

    PartitionScorer restored = scorer(0);
    assertThat(restored.restore(List.of(SeriesCheckpoint.fromJson(checkpoints.get(0).toJson())))).isEmpty();
    for (MetricPoint point : points.subList(300, points.size())) {
      List<Double> expected = original.accept(point).released().stream().map(outcome -> outcome.scored().score()).toList();
      List<Double> actual = restored.accept(point).released().stream().map(outcome -> outcome.scored().score()).toList();
      assertThat(actual).isEqualTo(expected).hasSize(1);
    }
    // A restored series does not score its checkpointed past again.
    assertThat(restored.accept(points.get(10)).released()).allMatch(outcome -> outcome.scored().late());
  }

  @Test
  void unsavedSeriesAreOfferedAgainAndOtherDetectorsCheckpointsAreLeftOut() {
    PartitionScorer scorer = scorer(0);
    scorer.accept(at(API_CPU, STEP_MILLIS, 1));
    List<SeriesCheckpoint> first = scorer.changedSinceLastCheckpoint();
    scorer.unsaved(List.of(API_CPU.id(), "s-unknown"));
    assertThat(scorer.changedSinceLastCheckpoint()).extracting(SeriesCheckpoint::seriesId).containsExactly(API_CPU.id());

    PartitionScorer other = scorer(0);
    SeriesCheckpoint foreign = new SeriesCheckpoint(API_CPU.id(), 3, "rcf", first.get(0).state(), STEP_MILLIS);
    assertThat(other.restore(List.of(foreign))).isEmpty();
    assertThat(other.seriesCount()).isZero();
    SeriesCheckpoint corrupt = new SeriesCheckpoint(API_CPU.id(), 3, "default", new byte[] {1, 2, 3}, STEP_MILLIS);
    assertThat(other.restore(List.of(corrupt))).containsExactly(API_CPU.id());
  }

  @Test
  void aCheckpointWrittenBeforePointsCouldWaitStillReads() {
    SeriesCheckpoint old = SeriesCheckpoint.fromJson(new SeriesCheckpoint(API_CPU.id(), 3, "default", new byte[] {7}, 5).toJson()
        .copy());
    assertThat(old.pending()).isEmpty();
    assertThat(old.toJson().containsKey("pending")).isFalse();
  }

  @Test
  void anAnomalyCarriesItsSeriesCadenceAndItsPointsHistoryMark() {
    long fiveMinutes = 5 * STEP_MILLIS;
    clock.advanceSeconds(7 * 86_400);
    PartitionScorer scorer = scorer(0);
    SplittableRandom random = new SplittableRandom(5);
    List<PartitionScorer.Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      // One outage of an hour: the median gap ignores it.
      long timestamp = i * fiveMinutes + (i >= 100 ? 12 * fiveMinutes : 0);
      outcomes.addAll(scorer.accept(at(API_CPU, timestamp, 40 + random.nextGaussian())).released());
    }
    long last = outcomes.get(outcomes.size() - 1).scored().timestampMillis();
    List<SeriesCheckpoint> beforeSpike = scorer.changedSinceLastCheckpoint();
    outcomes.addAll(scorer.accept(at(API_CPU, last + fiveMinutes, 80)).released());
    assertThat(outcomes.get(outcomes.size() - 1).anomaly()).hasValueSatisfying(anomaly -> {
      assertThat(anomaly.periodMillis()).isEqualTo(fiveMinutes);
      assertThat(anomaly.history()).isFalse();
    });

    // The same spike replayed as history, on a scorer restored from the checkpoint: cadence kept, mark carried.
    PartitionScorer restored = scorer(0);
    restored.restore(beforeSpike.stream().map(checkpoint -> SeriesCheckpoint.fromJson(checkpoint.toJson())).toList());
    List<PartitionScorer.Outcome> replayed = restored.accept(at(API_CPU, last + fiveMinutes, 80).asHistory()).released();
    assertThat(replayed).singleElement().satisfies(outcome -> assertThat(outcome.anomaly()).hasValueSatisfying(anomaly -> {
      assertThat(anomaly.periodMillis()).isEqualTo(fiveMinutes);
      assertThat(anomaly.history()).isTrue();
    }));
  }

  @Test
  void aWaitingHistoryPointKeepsItsMarkThroughACheckpoint() {
    PartitionScorer scorer = scorer(10 * STEP_MILLIS);
    scorer.accept(at(API_CPU, STEP_MILLIS, 1).asHistory());
    SeriesCheckpoint checkpoint = SeriesCheckpoint.fromJson(scorer.changedSinceLastCheckpoint().get(0).toJson());
    assertThat(checkpoint.pending()).singleElement().satisfies(point -> assertThat(point.history()).isTrue());
  }

  @Test
  void aCadenceOfOnePointIsUnknown() {
    PartitionScorer scorer = scorer(0);
    scorer.accept(at(API_CPU, STEP_MILLIS, 1));
    assertThat(SeriesCheckpoint.fromJson(scorer.changedSinceLastCheckpoint().get(0).toJson()).gapsMillis()).isEmpty();
    scorer.accept(at(API_CPU, 3 * STEP_MILLIS, 1));
    assertThat(SeriesCheckpoint.fromJson(scorer.changedSinceLastCheckpoint().get(0).toJson()).gapsMillis())
        .containsExactly(2 * STEP_MILLIS);
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> new PartitionScorer(0, DEFAULT, SERVICES, 0.99, 0.9, 0, clock))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anomalyThreshold");
    assertThatThrownBy(() -> new PartitionScorer(0, DEFAULT, SERVICES, 0.9, 0.99, -1, clock))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLatenessMillis");
  }
}
