package io.vigil.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vigil.model.ScoredPoint;
import io.vigil.model.SeriesKey;
import io.vigil.model.Severity;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Signals leave at most once a minute per series, and at once when something that moves a score happens. */
class SignalTrackerTest {

  private static final long T0 = HealthScorerTest.NOW;
  private static final SeriesKey MEMORY = SeriesKey.of("AWS/ECS", "MemoryUtilization", Map.of("ServiceName", "worker"));
  private static final SeriesKey PROBE = SeriesKey.of("Vigil/Probes", "Availability", Map.of("ProbeName", "db-probe", "ProbeType", "postgres"));

  private final SignalTracker tracker = new SignalTracker(0.9, 0.98, Map.of("db-probe", "demo-db"),
      new SignalTracker.SaturationLevels(85, 95, 80, 90, 30, 1.5, 2.0));

  private static ScoredPoint point(SeriesKey series, String service, long at, double value, double score) {
    return new ScoredPoint(series, service, at, value, score, 0, 100, "default");
  }

  @Test
  void aLatencySeriesCarriesItsBaselineFromSignalToSignal() {
    SeriesKey latency = SeriesKey.of("AWS/ApplicationELB", "TargetResponseTime", Map.of("LoadBalancer", "app/web/1"));
    SeriesSignal last = null;
    for (int minute = 0; minute <= 90; minute++) {
      Optional<SeriesSignal> sent = tracker.accept(point(latency, "api", T0 + minute * 60_000L, minute < 80 ? 0.15 : 0.5, 0.1));
      if (sent.isPresent()) {
        last = sent.get();
      }
    }
    assertThat(last.baseline()).get().satisfies(normal -> {
      assertThat(normal.minutes()).isEqualTo(90);
      assertThat(normal.ratio()).as("ten minutes at 3.3 times").isGreaterThan(2.2);
    });
    assertThat(SeriesSignal.fromJson(last.toJson())).isEqualTo(last);
    assertThat(tracker.accept(point(MEMORY, "worker", T0, 50, 0.1)).orElseThrow().baseline()).as("only latency series").isEmpty();
  }

  @Test
  void aMinuteOfQuietPointsGivesOneSignal() {
    assertThat(tracker.accept(point(MEMORY, "worker", T0, 50, 0.1))).isPresent();
    for (int s = 10; s < 60; s += 10) {
      assertThat(tracker.accept(point(MEMORY, "worker", T0 + s * 1000L, 50, 0.1))).as("at %d s", s).isEmpty();
    }
    assertThat(tracker.accept(point(MEMORY, "worker", T0 + 60_000, 50, 0.1))).isPresent();
  }

  @Test
  void anAnomalyOrACrossedLimitIsSentAtOnceAndTheAnomalyIsRemembered() {
    tracker.accept(point(MEMORY, "worker", T0, 50, 0.1));
    Optional<SeriesSignal> anomaly = tracker.accept(point(MEMORY, "worker", T0 + 10_000, 60, 0.99));
    assertThat(anomaly).get().satisfies(signal -> {
      assertThat(signal.anomaly()).get().extracting(AnomalyMark::severity).isEqualTo(Severity.CRITICAL);
      assertThat(signal.service()).isEqualTo("worker");
    });
    SeriesSignal ended = tracker.accept(point(MEMORY, "worker", T0 + 20_000, 60, 0.1)).orElseThrow();
    assertThat(ended.anomaly()).as("the last anomaly travels on").isEqualTo(anomaly.get().anomaly());
    assertThat(tracker.accept(point(MEMORY, "worker", T0 + 30_000, 91, 0.1))).as("crossed the serious limit").isPresent();
    assertThat(tracker.accept(point(MEMORY, "worker", T0 + 40_000, 92, 0.1))).isEmpty();
  }

  @Test
  void aLeakIsSentAsSoonAsItsTrendHeadsForFullNotAtTheNextMinute() {
    long headingSentAt = sentAfterChange(6 * 15, step -> point(MEMORY, "worker", step.at(), 40, 0.1),
        step -> point(MEMORY, "worker", step.at(), 40 + 7.5 * step.index() / 6.0, 0.1),
        sent -> sent.trend().orElseThrow().minutesTo(100) <= 30);
    assertThat(headingSentAt)
        .as("7.5%% a minute: sent when the trend first heads for full, before the minute's signal at 120 s")
        .isBetween(60_000L, 110_000L);
    assertThat(tracker.changedSinceLastCheckpoint()).as("the trend between signals is saved too").containsKey(MEMORY.id());
  }

  @Test
  void aLatencyRegressionIsSentAsSoonAsItPassesALimit() {
    SeriesKey latency = SeriesKey.of("AWS/ApplicationELB", "TargetResponseTime", Map.of("LoadBalancer", "app/web/1"));
    // The detectors flag only the first points of the regression; the rest are ordinary to them.
    long seriousSentAt = sentAfterChange(6 * 90, step -> point(latency, "api", step.at(), 0.15, 0.1),
        step -> point(latency, "api", step.at(), 0.5, step.index() < 2 ? 0.99 : 0.1),
        sent -> sent.baseline().orElseThrow().ratio() >= 2.0);
    assertThat(seriousSentAt).as("3.3 times the baseline: twice it is sent at once, within two minutes").isBetween(30_000L, 110_000L);
  }

  /** The {@code index}-th point of a phase, every ten seconds, at {@code at}. */
  private record Step(int index, long at) {}

  /**
   * Feeds {@code steady} points, then up to three minutes of {@code changed} ones, every ten
   * seconds; answers how long after the change the first signal that is {@code wanted} was sent (-1
   * for none).
   */
  private long sentAfterChange(int steady, Function<Step, ScoredPoint> before, Function<Step, ScoredPoint> changed,
      Predicate<SeriesSignal> wanted) {
    long t = T0;
    for (int i = 0; i < steady; i++) {
      tracker.accept(before.apply(new Step(i, t)));
      t += 10_000;
    }
    long change = t;
    for (int i = 0; i < 6 * 3; i++) {
      Optional<SeriesSignal> sent = tracker.accept(changed.apply(new Step(i, t)));
      if (sent.isPresent() && wanted.test(sent.get())) {
        return t - change;
      }
      t += 10_000;
    }
    return -1;
  }

  @Test
  void latePointsAreIgnoredAndAProbeCountsTowardsItsAliasedService() {
    assertThat(tracker.accept(ScoredPoint.late(MEMORY, "worker", T0, 99))).isEmpty();
    SeriesSignal probe = tracker.accept(point(PROBE, "", T0, 0, 0)).orElseThrow();
    assertThat(probe.service()).isEqualTo("demo-db");
    assertThat(probe.kind()).isEqualTo(SignalKind.PROBE);
    assertThat(tracker.accept(point(SeriesKey.of("X", "Y", Map.of()), "", T0, 1, 0))).as("no service").isEmpty();
  }

  @Test
  void restoredStateKeepsTheThrottle() {
    tracker.accept(point(MEMORY, "worker", T0, 50, 0.1));
    Map<String, JsonObject> saved = tracker.changedSinceLastCheckpoint();
    SignalTracker restored = new SignalTracker(0.9, 0.98, Map.of(), new SignalTracker.SaturationLevels(85, 95, 80, 90, 30, 1.5, 2.0));
    restored.restore(saved.values().stream().map(json -> new JsonObject(json.encode())).toList());
    assertThat(restored.accept(point(MEMORY, "worker", T0 + 10_000, 50, 0.1))).isEmpty();
    assertThat(restored.accept(point(MEMORY, "worker", T0 + 60_000, 50, 0.1))).isPresent();
  }
}
