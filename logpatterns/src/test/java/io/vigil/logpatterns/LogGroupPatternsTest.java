package io.vigil.logpatterns;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detectors.logs.TemplateMinerConfig;
import io.vigil.model.LogEvent;
import io.vigil.model.MetricPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogGroupPatternsTest {

  private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % 60_000L;
  private int nextId;

  private LogGroupPatterns group(int warmupLines) {
    return new LogGroupPatterns("/ecs/api", "api", warmupLines, 60, TemplateMinerConfig.defaults());
  }

  private LogEvent line(long at, String message) {
    return new LogEvent("/ecs/api", "s", at, message, "e" + nextId++);
  }

  @Test
  void aClosedMinuteGivesEachActiveTemplateItsCountAndZeroWhenQuiet() {
    LogGroupPatterns group = group(0);
    List<MetricPoint> points = new ArrayList<>();
    points.addAll(group.accept(line(T0 + 1_000, "GET /health 200 in 3ms")).points());
    points.addAll(group.accept(line(T0 + 2_000, "GET /health 200 in 4ms")).points());
    points.addAll(group.accept(line(T0 + 3_000, "ERROR connection refused to db:5432")).points());
    assertThat(points).isEmpty();
    points.addAll(group.accept(line(T0 + 60_000 + 10, "GET /health 200 in 5ms")).points());
    assertThat(points).extracting(MetricPoint::value).containsExactly(2.0, 1.0);
    assertThat(points).allSatisfy(p -> {
      assertThat(p.timestampMillis()).isEqualTo(T0);
      assertThat(p.series().namespace()).isEqualTo("Vigil/Logs");
      assertThat(p.series().dimensions()).containsEntry("LogGroup", "/ecs/api").containsEntry("ServiceName", "api")
          .containsKey("Pattern");
    });
    // The clock closes the quiet minute: the error template gets its zero.
    List<MetricPoint> ticked = group.closeBefore(T0 + 120_000).points();
    assertThat(ticked).extracting(MetricPoint::value).containsExactly(1.0, 0.0);
    assertThat(group.closeBefore(T0 + 120_000).points()).isEmpty();
  }

  @Test
  void aLongGapKeepsTheOpenMinutesCountAtItsOwnTime() {
    LogGroupPatterns group = group(0);
    group.accept(line(T0 + 1, "job 1 done"));
    group.accept(line(T0 + 2, "job 2 done"));
    List<MetricPoint> points = group.accept(line(T0 + 3 * 3_600_000L, "job 3 done")).points();
    assertThat(points.get(0).timestampMillis()).isEqualTo(T0);
    assertThat(points.get(0).value()).isEqualTo(2.0);
    assertThat(points.subList(1, points.size())).as("nothing active two hours later").isEmpty();
  }

  @Test
  void summariesCarryTemplateLevelExampleTrendAndNewness() {
    LogGroupPatterns group = group(3);
    for (int i = 0; i < 3; i++) {
      group.accept(line(T0 + i, "GET /health 200 in " + i + "ms"));
    }
    LogGroupPatterns.Output created = group.accept(line(T0 + 10, "ERROR OutOfMemoryError: Java heap space after 12 s"));
    assertThat(created.summaries()).singleElement().satisfies(s -> {
      assertThat(s.template()).isEqualTo("ERROR OutOfMemoryError: Java heap space after <*> s");
      assertThat(s.level()).isEqualTo("ERROR");
      assertThat(s.newPattern()).isTrue();
      assertThat(s.example()).contains("Java heap space");
    });
    for (int i = 0; i < 20; i++) {
      group.accept(line(T0 + 60_000 + i, "ERROR OutOfMemoryError: Java heap space after " + i + " s"));
    }
    LogGroupPatterns.Output closed = group.closeBefore(T0 + 120_000);
    PatternSummary oom = closed.summaries().stream().filter(s -> s.level().equals("ERROR")).findFirst().orElseThrow();
    assertThat(oom.lastMinuteCount()).isEqualTo(20);
    assertThat(oom.previousMinuteCount()).isEqualTo(1);
    assertThat(oom.trend()).isEqualTo("rising");
    assertThat(oom.count()).isEqualTo(21);
    assertThat(group.summaries()).filteredOn(s -> s.level().isEmpty()).singleElement()
        .satisfies(s -> assertThat(s.newPattern()).as("seen during warm-up").isFalse());
  }

  @Test
  void mergedTemplatesHandTheirCountsOn() {
    LogGroupPatterns group = group(0);
    for (String user : List.of("alice", "bob", "carol", "dave")) {
      group.accept(line(T0 + 5, "session opened for user " + user + " by cron"));
    }
    assertThat(group.summaries()).singleElement().satisfies(s -> {
      assertThat(s.template()).isEqualTo("session opened for user <*> by cron");
      assertThat(s.count()).isEqualTo(4);
    });
    assertThat(group.accept(line(T0 + 60_001, "session opened for user erin by cron")).points())
        .singleElement().satisfies(p -> assertThat(p.value()).isEqualTo(4.0));
  }

  @Test
  void aCheckpointRestoresCountsAndMinerExactly() {
    LogGroupPatterns group = group(0);
    LogGroupPatterns other = group(0);
    List<LogEvent> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      lines.add(line(T0 + i * 1_000L, i % 3 == 0 ? "ERROR timeout after " + i + " ms" : "user u" + (i % 7) + " logged in from host" + (i % 5)));
    }
    for (int i = 0; i < 150; i++) {
      group.accept(lines.get(i));
      other.accept(lines.get(i));
    }
    LogGroupPatterns restored = LogGroupPatterns.fromJson(new io.vertx.core.json.JsonObject(group.toJson().encode()),
        "api", 0, 60, TemplateMinerConfig.defaults());
    for (int i = 150; i < 300; i++) {
      assertThat(restored.accept(lines.get(i))).isEqualTo(other.accept(lines.get(i)));
    }
    assertThat(restored.summaries()).isEqualTo(other.summaries());
    assertThat(restored.toJson()).isEqualTo(other.toJson());
  }

  @Test
  void levelsAreTheFirstLevelWord() {
    assertThat(LogLevels.of("2026-01-01 INFO request failed with ERROR code")).isEqualTo("INFO");
    assertThat(LogLevels.of("[warning] disk almost full")).isEqualTo("WARN");
    assertThat(LogLevels.of("INFORMATION only")).isEmpty();
  }
}
