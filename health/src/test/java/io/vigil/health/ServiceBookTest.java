package io.vigil.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vigil.model.Severity;
import io.vigil.testing.ManualClock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Publishing every minute and on change, the history and its deltas, checkpoints and restore. */
class ServiceBookTest {

  private final ManualClock clock = new ManualClock(HealthScorerTest.NOW);
  private final HealthScorer scorer = new HealthScorer(HealthScorerTest.config(Map.of()));

  private SeriesSignal memory(double percent) {
    return new SeriesSignal("s-m", "worker", "AWS/ECS:MemoryUtilization", SignalKind.MEMORY, percent, clock.millis(), Optional.empty());
  }

  @Test
  void publishesOnChangeAndOncePerMinuteAndKeepsAHistoryWithDeltas() {
    ServiceBook book = new ServiceBook(scorer, List.of());
    book.accept(memory(50));
    List<ServiceHealth> first = book.due(clock.millis(), HealthScorerTest.NONE);
    assertThat(first).singleElement().satisfies(health -> assertThat(health.score()).hasValue(100));
    assertThat(book.due(clock.millis() + 1000, HealthScorerTest.NONE)).as("nothing changed, minute not due").isEmpty();

    clock.advanceSeconds(5);
    book.accept(memory(51));
    assertThat(book.due(clock.millis(), HealthScorerTest.NONE)).as("a new signal that changes nothing visible").isEmpty();

    for (int minute = 1; minute <= 60; minute++) {
      clock.advanceSeconds(60);
      book.accept(memory(minute == 60 ? 93 : 50));
      assertThat(book.due(clock.millis(), HealthScorerTest.NONE)).hasSize(1);
    }
    clock.advanceSeconds(1);
    ServiceHealth latest = book.due(clock.millis() + 60_000, HealthScorerTest.NONE).get(0);
    assertThat(latest.score()).hasValue(70);
    assertThat(latest.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(latest.delta1h()).as("70 now, 100 an hour ago").hasValue(-30);
    assertThat(latest.delta24h()).as("no score 24 h ago").isEmpty();
    assertThat(latest.history()).hasSize(ScoreHistory.MINUTES);
    assertThat(latest.sparkline()).hasSize(ServiceHealth.SPARKLINE_MINUTES).last().isEqualTo(70);
  }

  @Test
  void aRestoredBookPublishesTheSameScoreAndHistory() {
    ServiceBook book = new ServiceBook(scorer, List.of());
    book.accept(memory(95));
    book.accept(new SeriesSignal("s-x", "worker", "AWS/ECS:Other", SignalKind.OTHER, 1, clock.millis(),
        Optional.of(new AnomalyMark("a-x", Severity.CRITICAL, 0.99, clock.millis()))));
    ServiceHealth before = book.due(clock.millis(), HealthScorerTest.NONE).get(0);
    Map<String, JsonObject> checkpoints = book.changedSinceLastCheckpoint();
    assertThat(checkpoints).containsOnlyKeys("worker");
    assertThat(book.changedSinceLastCheckpoint()).as("saved once").isEmpty();

    ServiceBook restored = new ServiceBook(scorer, List.of());
    restored.restore(checkpoints.values().stream().map(json -> new JsonObject(json.encode())).toList());
    ServiceHealth after = restored.due(clock.millis(), HealthScorerTest.NONE).get(0);
    assertThat(after.score()).isEqualTo(before.score()).hasValue(55);
    assertThat(after.components()).isEqualTo(before.components());
    assertThat(after.history()).isEqualTo(before.history());
    assertThat(ServiceHealth.fromJson(new JsonObject(after.toJson().encode()))).isEqualTo(after);
  }

  @Test
  void aServiceWithDependenciesIsRescoredWhenItsDependencyChanges() {
    ServiceBook book = new ServiceBook(new HealthScorer(HealthScorerTest.config(Map.of("worker", List.of("demo-db")))), List.of("worker"));
    book.accept(memory(50));
    assertThat(book.due(clock.millis(), HealthScorerTest.NONE).get(0).score()).hasValue(100);
    HealthScorer.Dependencies dbDown = service -> Optional.of(new HealthScorer.DependencyHealth(service, java.util.OptionalInt.of(10),
        HealthStatus.UNHEALTHY, "connections refused", clock.millis()));
    clock.advanceSeconds(1);
    ServiceHealth propagated = book.due(clock.millis(), dbDown).get(0);
    assertThat(propagated.score()).hasValue(80);
    assertThat(propagated.components().get(0).kind()).isEqualTo(ComponentKind.DEPENDENCY);
    assertThat(propagated.topReason()).contains("demo-db");
  }
}
