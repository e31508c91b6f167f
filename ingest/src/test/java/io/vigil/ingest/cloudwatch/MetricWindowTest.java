package io.vigil.ingest.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.MetricPoint;
import io.vigil.model.SeriesKey;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MetricWindowTest {

  private static final long MINUTE = 60_000;
  private static final long NOW = 1_800_000_000_000L - 1_800_000_000_000L % MINUTE + 15_000;
  private static final MetricQuery QUERY = new MetricQuery(
      SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", "api")), "Average", 60);

  private final MetricWindow window = new MetricWindow(10 * MINUTE, 30_000);

  private static TreeMap<Long, Double> data(long... minutesAgo) {
    TreeMap<Long, Double> data = new TreeMap<>();
    for (long ago : minutesAgo) {
      data.put(minuteStart(NOW) - ago * MINUTE, (double) ago);
    }
    return data;
  }

  private static long minuteStart(long millis) {
    return millis - millis % MINUTE;
  }

  private static List<Long> timestamps(MetricWindow.Step step) {
    return step.points().stream().map(MetricPoint::timestampMillis).toList();
  }

  @Test
  void firstReadEmitsOnlySettledDatapoints() {
    long from = window.readFromMillis(null, NOW, 60 * MINUTE);
    assertThat(from).isEqualTo(NOW - 60 * MINUTE);
    MetricWindow.Step step = window.step(QUERY, null, from, data(0, 1, 2, 3), NOW);
    // The datapoint of this minute and of the last one are still open (period + settle not over).
    assertThat(timestamps(step)).containsExactly(minuteStart(NOW) - 3 * MINUTE, minuteStart(NOW) - 2 * MINUTE);
    assertThat(step.cursor().watermarkMillis()).isEqualTo(NOW - 10 * MINUTE);
    assertThat(step.cursor().emittedMillis()).hasSize(2);
  }

  @Test
  void reReadEmitsNothingTwiceFillsLateGapsAndIgnoresRevisions() {
    MetricWindow.Step first = window.step(QUERY, null, NOW - 60 * MINUTE, data(2, 4), NOW);
    assertThat(first.points()).hasSize(2);
    long later = NOW + MINUTE;
    long from = window.readFromMillis(first.cursor(), later, 60 * MINUTE);
    assertThat(from).isEqualTo(first.cursor().watermarkMillis() + 1);
    TreeMap<Long, Double> revised = data(1, 2, 3, 4);
    revised.put(minuteStart(NOW) - 2 * MINUTE, 999.0);
    MetricWindow.Step second = window.step(QUERY, first.cursor(), from, revised, later);
    // 3 minutes ago arrived late and is emitted; 2 and 4 were emitted already; 1 is settled now.
    assertThat(timestamps(second)).containsExactly(minuteStart(NOW) - 3 * MINUTE, minuteStart(NOW) - MINUTE);
    assertThat(second.points()).noneMatch(point -> point.value() == 999.0);
  }

  @Test
  void watermarkMovesWithTheWindowAndForgetsWhatFellBehindIt() {
    MetricWindow.Step first = window.step(QUERY, null, NOW - 60 * MINUTE, data(2, 9), NOW);
    long muchLater = NOW + 8 * MINUTE;
    MetricWindow.Step second = window.step(QUERY, first.cursor(), window.readFromMillis(first.cursor(), muchLater, 60 * MINUTE),
        new TreeMap<>(), muchLater);
    assertThat(second.cursor().watermarkMillis()).isEqualTo(muchLater - 10 * MINUTE);
    assertThat(second.cursor().emittedMillis()).allMatch(timestamp -> timestamp > second.cursor().watermarkMillis());
    // A datapoint behind the watermark is never emitted, even if it shows up.
    MetricWindow.Step third = window.step(QUERY, second.cursor(), muchLater - 10 * MINUTE, data(12), muchLater);
    assertThat(third.points()).isEmpty();
  }

  @Test
  void afterALongOutageReadsBackNoFurtherThanTheCatchUpLimit() {
    QueryCursor old = new QueryCursor(NOW - 500 * MINUTE, List.of());
    assertThat(window.readFromMillis(old, NOW, 180 * MINUTE)).isEqualTo(NOW - 180 * MINUTE);
    QueryCursor recent = new QueryCursor(NOW - 12 * MINUTE, List.of());
    assertThat(window.readFromMillis(recent, NOW, 180 * MINUTE)).isEqualTo(NOW - 12 * MINUTE + 1);
  }

  @Test
  void cursorSurvivesItsJsonForm() {
    QueryCursor cursor = new QueryCursor(NOW, List.of(NOW + MINUTE, NOW + 2 * MINUTE));
    assertThat(QueryCursor.fromJson(cursor.toJson())).isEqualTo(cursor);
  }

  @Test
  void datapointsOlderThanTheTrailingWindowAreCatchUpMarkedAsHistory() {
    MetricWindow.Step first = window.step(QUERY, null, NOW - 60 * MINUTE, data(45, 11, 9, 3), NOW);
    assertThat(first.points()).extracting(MetricPoint::history).containsExactly(true, true, false, false);
  }
}
