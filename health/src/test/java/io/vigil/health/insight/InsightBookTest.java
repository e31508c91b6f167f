package io.vigil.health.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vigil.health.AnomalyMark;
import io.vigil.health.HealthScorer;
import io.vigil.health.LogMark;
import io.vigil.health.SeriesSignal;
import io.vigil.health.ServiceBook;
import io.vigil.health.ServiceHealth;
import io.vigil.health.SignalKind;
import io.vigil.health.TestHealthConfigs;
import io.vigil.config.HealthConfig;
import io.vigil.model.Severity;
import io.vigil.testing.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A memory leak on worker, minute by minute through the real scorer and service book: one insight
 * opens when the score leaves the healthy band, starts at the first sign of trouble, names memory
 * saturation and then the kill for memory as its cause, and closes after the quiet period.
 */
class InsightBookTest {

  static final long T0 = 1_800_000_000_000L;
  static final HealthScorer.Dependencies NONE = service -> Optional.empty();

  private final HealthConfig config = TestHealthConfigs.config(Map.of());
  private final ManualClock clock = new ManualClock(T0);
  private ServiceBook book = new ServiceBook(new HealthScorer(config), List.of());
  private InsightBook insights = new InsightBook(config);
  private final List<Insight> published = new ArrayList<>();

  private void memory(double percent, Severity anomaly) {
    Optional<AnomalyMark> mark = anomaly == null ? Optional.empty()
        : Optional.of(new AnomalyMark("a-" + clock.millis(), anomaly, 0.999, clock.millis()));
    book.accept(new SeriesSignal("s-mem", "worker", "AWS/ECS:MemoryUtilization", SignalKind.MEMORY, percent, clock.millis(), mark));
  }

  private void kill() {
    book.accept(new SeriesSignal("log:/aws/ecs/events:memory_kill:worker", "worker", "Logs:memory_kill", SignalKind.MEMORY_KILL, 137,
        clock.millis(), Optional.empty(), Optional.of(new LogMark("e-kill", "/aws/ecs/events", "(service worker) Exit Code 137"))));
  }

  /** One minute: the book scores what is due and the insight book sees each published assessment. */
  private void minute() {
    clock.advanceSeconds(60);
    for (ServiceHealth health : book.due(clock.millis(), NONE)) {
      insights.observe(health, book.signalsOf(health.service()), clock.millis()).ifPresent(published::add);
    }
    published.addAll(insights.closeQuiet(clock.millis()));
  }

  /** Minutes of memory at an ordinary 40%. */
  private void quiet(int minutes) {
    for (int m = 0; m < minutes; m++) {
      memory(40, null);
      minute();
    }
  }

  /** Minutes of memory past its serious limit, each flagged critical. */
  private void saturated(int minutes) {
    for (int m = 0; m < minutes; m++) {
      memory(91 + m, Severity.CRITICAL);
      minute();
    }
  }

  private Insight latest() {
    return published.get(published.size() - 1);
  }

  /** Ten quiet minutes, then memory climbs: warning anomaly, critical anomalies, saturation, the kill. */
  private void leakUntilTheKill() {
    quiet(10);
    memory(50, Severity.WARNING);
    minute();
    assertThat(published).as("a warning alone keeps worker healthy").isEmpty();
    for (int m = 0; m < 6; m++) {
      memory(60 + m * 5, Severity.CRITICAL);
      minute();
    }
    memory(93, Severity.CRITICAL);
    minute();
    kill();
    memory(22, null);
    minute();
  }

  @Test
  void oneInsightFromTheFirstSignOfTroubleToTheQuietPeriodsEnd() {
    leakUntilTheKill();
    assertThat(published).extracting(Insight::id).as("one incident, one id").containsOnly(published.get(0).id());
    Insight open = latest();
    assertThat(open.status()).isEqualTo(InsightStatus.OPEN);
    assertThat(open.service()).isEqualTo("worker");
    assertThat(open.startMillis()).as("the warning anomaly, before the score left the band").isEqualTo(T0 + 10 * 60_000L);
    assertThat(open.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(open.minScore()).isLessThan(70);
    assertThat(open.causes().get(0).kind()).isEqualTo("memory-kill");
    assertThat(open.causes().get(0).confidence()).isEqualTo(0.95);
    assertThat(open.causes().get(0).description()).startsWith("memory rose (MemoryUtilization, up to 93%) until a container was killed for memory");
    assertThat(open.causes().get(0).evidence()).extracting(evidence -> evidence.subject())
        .containsExactly("s-mem", "log:/aws/ecs/events:memory_kill:worker");
    assertThat(open.timeline()).extracting(InsightMember::subject).containsExactly("s-mem", "log:/aws/ecs/events:memory_kill:worker");

    // Recovery: the kill counts for 15 minutes, then the score is back; the insight closes 10 quiet minutes later.
    int before = published.size();
    for (int m = 0; m < 40 && latest().status() == InsightStatus.OPEN; m++) {
      memory(22, null);
      minute();
    }
    Insight closed = latest();
    assertThat(closed.status()).isEqualTo(InsightStatus.CLOSED);
    assertThat(closed.id()).isEqualTo(open.id());
    assertThat(closed.endMillis()).isPresent();
    assertThat(clock.millis() - closed.endMillis().getAsLong()).isEqualTo(config.insights().quietSeconds() * 1000L);
    assertThat(published.size() - before).as("an open insight is republished only when it changes").isLessThan(40);

    // The next incident is a new insight.
    memory(95, Severity.CRITICAL);
    minute();
    memory(95, Severity.CRITICAL);
    minute();
    assertThat(latest().id()).isNotEqualTo(open.id());
    assertThat(latest().status()).isEqualTo(InsightStatus.OPEN);
  }

  @Test
  void beforeTheKillTheCauseIsMemorySaturation() {
    quiet(10);
    saturated(3);
    ProbableCause top = latest().causes().get(0);
    assertThat(top.kind()).isEqualTo("memory-saturation");
    assertThat(top.description()).contains("MemoryUtilization at 93%");
  }

  @Test
  void aLoneBlipWellBeforeTheTroubleIsNotItsFirstSignal() {
    quiet(10);
    long blip = clock.millis();
    book.accept(new SeriesSignal("s-cpu", "worker", "AWS/ECS:CPUUtilization", SignalKind.CPU, 80, blip,
        Optional.of(new AnomalyMark("a-cpu", Severity.WARNING, 0.99, blip))));
    minute();
    book.accept(new SeriesSignal("s-cpu", "worker", "AWS/ECS:CPUUtilization", SignalKind.CPU, 30, clock.millis(), Optional.empty()));
    quiet(8);
    assertThat(published).as("a warning alone keeps worker healthy").isEmpty();
    long trouble = clock.millis();
    saturated(3);
    Insight open = latest();
    assertThat(open.startMillis()).as("the memory trouble's start, not the blip's nine minutes before").isEqualTo(trouble);
    assertThat(open.timeline()).extracting(InsightMember::subject).containsExactly("s-mem");
    assertThat(open.causes().get(0).kind()).isEqualTo("memory-saturation");
  }

  @Test
  void anInsightAssessedLateStillHasTheSignsBehindIt() {
    quiet(10);
    long trouble = clock.millis();
    memory(93, Severity.CRITICAL);
    kill();
    // Memory stays high; the first assessment comes seven minutes after the kill, as after a restart
    // or while a backfill is read at its own pace.
    ServiceHealth last = null;
    for (int m = 0; m < 7; m++) {
      clock.advanceSeconds(60);
      memory(93, null);
      for (ServiceHealth health : book.due(clock.millis(), NONE)) {
        last = health;
      }
    }
    assertThat(last).isNotNull();
    insights.observe(last, book.signalsOf(last.service()), clock.millis()).ifPresent(published::add);
    Insight open = latest();
    assertThat(open.startMillis()).isEqualTo(trouble);
    assertThat(open.timeline()).extracting(InsightMember::subject).contains("s-mem", "log:/aws/ecs/events:memory_kill:worker");
    assertThat(open.causes()).isNotEmpty();
    assertThat(open.causes().get(0).kind()).isEqualTo("memory-kill");
  }

  @Test
  void aBlipOnTheSameSeriesLongBeforeDoesNotDateTheTroubleOrHideItsCause() {
    quiet(10);
    memory(50, Severity.WARNING);
    minute();
    quiet(9);
    assertThat(published).as("a warning alone keeps worker healthy").isEmpty();
    long trouble = clock.millis();
    saturated(3);
    Insight open = latest();
    assertThat(open.startMillis()).as("the saturation's start, not the warning's ten minutes before").isEqualTo(trouble);
    assertThat(open.timeline()).singleElement().satisfies(member -> assertThat(member.component()).isEqualTo("saturation"));
    assertThat(open.causes().get(0).kind()).isEqualTo("memory-saturation");
  }

  @Test
  void aSignThatLedTheTroubleByMinutesIsItsFirstSignal() {
    quiet(10);
    long lead = clock.millis();
    for (int m = 0; m < 3; m++) {
      book.accept(new SeriesSignal("s-cpu", "worker", "AWS/ECS:CPUUtilization", SignalKind.CPU, 85, clock.millis(),
          Optional.of(new AnomalyMark("a-cpu-" + m, Severity.WARNING, 0.99, clock.millis()))));
      memory(40, null);
      minute();
    }
    saturated(3);
    Insight open = latest();
    assertThat(open.startMillis()).as("the CPU anomalies ran up to the memory trouble").isEqualTo(lead);
    assertThat(open.timeline()).extracting(InsightMember::subject).containsExactly("s-cpu", "s-mem");
  }

  @Test
  void aRestoredBookPublishesWhatTheOriginalWouldHave() {
    quiet(10);
    memory(70, Severity.CRITICAL);
    minute();
    memory(80, Severity.CRITICAL);
    minute();
    Map<String, JsonObject> serviceState = book.changedSinceLastCheckpoint();
    Map<String, JsonObject> insightState = insights.changedSinceLastCheckpoint();
    assertThat(insightState).containsOnlyKeys(InsightBook.checkpointKey("worker"));

    List<Insight> original = new ArrayList<>();
    ServiceBook restoredBook = new ServiceBook(new HealthScorer(config), List.of());
    restoredBook.restore(serviceState.values());
    InsightBook restoredInsights = new InsightBook(config);
    restoredInsights.restore(insightState.values().stream().map(json -> new JsonObject(json.encode())).toList());
    List<Insight> restored = new ArrayList<>();
    for (int m = 0; m < 5; m++) {
      memory(90 + m, Severity.CRITICAL);
      restoredBook.accept(book.signalsOf("worker").iterator().next());
      clock.advanceSeconds(60);
      for (ServiceHealth health : book.due(clock.millis(), NONE)) {
        insights.observe(health, book.signalsOf("worker"), clock.millis()).ifPresent(original::add);
      }
      for (ServiceHealth health : restoredBook.due(clock.millis(), NONE)) {
        restoredInsights.observe(health, restoredBook.signalsOf("worker"), clock.millis()).ifPresent(restored::add);
      }
    }
    assertThat(restored).isNotEmpty().isEqualTo(original);
    assertThat(insights.closeQuiet(clock.millis())).as("still in trouble").isEmpty();
    assertThat(Insight.fromJson(original.get(0).toJson())).as("the wire form round-trips").isEqualTo(original.get(0));
  }

  @Test
  void aHealthyServiceIsClosedOnTimeThoughItsAssessmentIsPublishedOnlyOnceAMinute() {
    quiet(10);
    memory(95, Severity.CRITICAL);
    AnomalyMark last = book.signalsOf("worker").iterator().next().anomaly().orElseThrow();
    minute();
    // Back to normal, its last anomaly still held (as the signal tracker does) and decaying.
    book.accept(new SeriesSignal("s-mem", "worker", "AWS/ECS:MemoryUtilization", SignalKind.MEMORY, 40, clock.millis(), Optional.of(last)));
    clock.advanceSeconds(1);
    for (ServiceHealth health : book.due(clock.millis(), NONE)) {
      insights.observe(health, book.signalsOf(health.service()), clock.millis()).ifPresent(published::add);
    }
    // Saturation is gone at once; the anomaly's decay keeps worker out of the band for a while.
    long healthyBy = -1;
    for (int s = 0; s < 3600 && healthyBy < 0; s += 10) {
      clock.advanceSeconds(10);
      if (s % 60 == 0) {
        book.accept(new SeriesSignal("s-mem", "worker", "AWS/ECS:MemoryUtilization", SignalKind.MEMORY, 40, clock.millis(), Optional.of(last)));
      }
      for (ServiceHealth health : book.due(clock.millis(), NONE)) {
        insights.observe(health, book.signalsOf(health.service()), clock.millis()).ifPresent(published::add);
        if (health.score().orElse(0) >= 90) {
          healthyBy = clock.millis();
        }
      }
    }
    assertThat(healthyBy).isPositive();
    long end = healthyBy;
    clock.advanceSeconds(config.insights().quietSeconds() - 1);
    assertThat(insights.closeQuiet(clock.millis())).isEmpty();
    clock.advanceSeconds(1);
    assertThat(insights.closeQuiet(clock.millis())).singleElement().satisfies(insight -> {
      assertThat(insight.status()).isEqualTo(InsightStatus.CLOSED);
      assertThat(insight.endMillis()).hasValue(end);
    });
    assertThat(insights.closeQuiet(clock.millis())).as("closed once").isEmpty();
  }
}
