package io.vigil.logpatterns;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vigil.config.LogGroupServices;
import io.vigil.config.LogPatternsConfig;
import io.vigil.model.Anomaly;
import io.vigil.model.LogEvent;
import io.vigil.model.MetricPoint;
import io.vigil.model.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionPatternsTest {

  private static final long NOW = 1_800_000_000_000L - 1_800_000_000_000L % 60_000L;
  private static final LogPatternsConfig CONFIG = new LogPatternsConfig(true, 10, 0, 60, 100, 2048);
  private static final LogGroupServices SERVICES = new LogGroupServices(Map.of("payments-prod", "payments"));

  @Test
  void theClockClosesOnlyQuietGroupsSoABackfillKeepsItsMinutes() {
    PartitionPatterns patterns = new PartitionPatterns(CONFIG, SERVICES);
    long hourAgo = NOW - 3_600_000L;
    patterns.accept(new LogEvent("/ecs/api", "s", hourAgo, "ERROR boom 1", "a"), NOW);
    assertThat(patterns.tick(NOW + 30_000).points()).as("a line arrived half a minute ago").isEmpty();
    patterns.accept(new LogEvent("/ecs/api", "s", hourAgo + 1_000, "ERROR boom 2", "b"), NOW + 30_000);
    assertThat(patterns.tick(NOW + 80_000).points()).as("50 s since the last line").isEmpty();
    List<MetricPoint> closed = patterns.tick(NOW + 91_000).points();
    assertThat(closed).isNotEmpty();
    assertThat(closed.get(0).timestampMillis()).as("the backfilled minute").isEqualTo(hourAgo);
    assertThat(closed.get(0).value()).isEqualTo(2.0);
    assertThat(closed).as("at most activeMinutes minutes, zero after the lines").hasSize(60)
        .extracting(MetricPoint::value).containsOnly(2.0, 0.0);
  }

  @Test
  void checkpointsHoldOnlyChangedGroupsAndRestoreThem() {
    PartitionPatterns patterns = new PartitionPatterns(CONFIG, SERVICES);
    patterns.accept(new LogEvent("/ecs/api", "s", NOW, "GET /health 200", "a"), NOW);
    patterns.accept(new LogEvent("/ecs/worker", "s", NOW, "job 7 done", "b"), NOW);
    Map<String, JsonObject> first = patterns.changedSinceLastCheckpoint();
    assertThat(first).containsOnlyKeys("/ecs/api", "/ecs/worker");
    patterns.accept(new LogEvent("/ecs/api", "s", NOW + 1, "GET /health 200", "c"), NOW);
    Map<String, JsonObject> second = patterns.changedSinceLastCheckpoint();
    assertThat(second).containsOnlyKeys("/ecs/api");
    patterns.unsaved(List.of("/ecs/api"));
    assertThat(patterns.changedSinceLastCheckpoint()).containsOnlyKeys("/ecs/api");

    PartitionPatterns restored = new PartitionPatterns(CONFIG, SERVICES);
    restored.restore(List.of(second.get("/ecs/api"), first.get("/ecs/worker")));
    assertThat(restored.groupCount()).isEqualTo(2);
    assertThat(restored.group("/ecs/api").orElseThrow().summaries()).singleElement()
        .satisfies(s -> assertThat(s.count()).isEqualTo(2));
  }

  @Test
  void aPatternFirstSeenAfterTheWarmUpIsAnAnomalyAndABackfilledOneIsHistory() {
    LogPatternsConfig warm = new LogPatternsConfig(true, 10, 4, 60, 100, 2048);
    PartitionPatterns patterns = new PartitionPatterns(warm, SERVICES);
    for (int i = 0; i < 3; i++) {
      assertThat(patterns.accept(new LogEvent("/ecs/api", "s", NOW + i, "GET /health 200 in " + i + "ms", "w" + i), NOW).newPatterns())
          .as("warming up").isEmpty();
    }
    assertThat(patterns.accept(new LogEvent("/ecs/api", "s", NOW + 5, "job started", "x0"), NOW).newPatterns())
        .as("a new shape during the warm-up counts as known").isEmpty();
    List<Anomaly> raised = patterns.accept(new LogEvent("/ecs/api", "s", NOW + 10, "ERROR disk quota exceeded on /data", "x1"), NOW).newPatterns();
    assertThat(raised).singleElement().satisfies(anomaly -> {
      assertThat(anomaly.detector()).isEqualTo(LogGroupPatterns.NEW_PATTERN_DETECTOR);
      assertThat(anomaly.severity()).isEqualTo(Severity.WARNING);
      assertThat(anomaly.service()).isEqualTo("api");
      assertThat(anomaly.series().dimensions()).containsEntry("LogGroup", "/ecs/api");
      assertThat(anomaly.history()).isFalse();
    });
    assertThat(patterns.accept(new LogEvent("/ecs/api", "s", NOW + 20, "ERROR disk quota exceeded on /data", "x2"), NOW).newPatterns())
        .as("seen once, known after").isEmpty();
    List<Anomaly> old = patterns.accept(new LogEvent("/ecs/api", "s", NOW - 3_600_000L, "WARN cache cold", "x3"), NOW).newPatterns();
    assertThat(old).singleElement().satisfies(anomaly -> assertThat(anomaly.history()).as("an hour-old line").isTrue());
  }

  @Test
  void aGroupAtItsTemplateCapIsReportedWithTheLinesItTurnedAway() {
    LogPatternsConfig small = new LogPatternsConfig(true, 10, 0, 60, 2, 2048);
    PartitionPatterns patterns = new PartitionPatterns(small, SERVICES);
    List<String> shapes = List.of("alpha one", "beta two three", "gamma four five six", "delta seven eight nine ten", "delta seven eight nine ten");
    for (int i = 0; i < shapes.size(); i++) {
      patterns.accept(new LogEvent("/ecs/noisy", "s", NOW + i, shapes.get(i), "n" + i), NOW);
    }
    patterns.accept(new LogEvent("/ecs/calm", "s", NOW, "GET /health 200", "c"), NOW);
    Map<String, PatternOverflow.Group> saturated = patterns.saturatedGroups();
    assertThat(saturated).containsOnlyKeys("/ecs/noisy");
    assertThat(saturated.get("/ecs/noisy")).isEqualTo(new PatternOverflow.Group(2, 3));
    PatternOverflow overflow = new PatternOverflow();
    overflow.report(saturated);
    assertThat(overflow.saturatedGroups()).isEqualTo(1);
    assertThat(overflow.overflowLines()).isEqualTo(3);
  }
}
