package io.vigil.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.ReadModelConfig;
import io.vigil.model.Anomaly;
import io.vigil.model.LogEvent;
import io.vigil.model.ScoredPoint;
import io.vigil.model.SeriesKey;
import io.vigil.model.Severity;
import io.vigil.web.SeriesPage;
import io.vigil.web.SeriesQuery;
import io.vigil.web.SeriesSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadStoreTest {

  private final ReadStore store = new ReadStore(new ReadModelConfig(10, 10, 10, 48));
  private final SeriesKey api = SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", "api"));
  private final SeriesKey db = SeriesKey.of("AWS/RDS", "CPUUtilization", Map.of("DBInstanceIdentifier", "db"));

  private ScoredPoint point(SeriesKey series, long t, double value) {
    return new ScoredPoint(series, series.dimensions().values().iterator().next(), t, value, 0.1, 0, 100, "level");
  }

  private Anomaly anomaly(SeriesKey series, long t) {
    return new Anomaly(Anomaly.idFor(series.id(), t), series, series.dimensions().values().iterator().next(), t, 99, 0.99, 0, 50, Severity.CRITICAL, "level");
  }

  @Test
  void pointsAreDeduplicatedByTimestampAndBounded() {
    assertThat(store.addPoint(point(api, 1000, 1))).isTrue();
    assertThat(store.addPoint(point(api, 1000, 1))).isFalse();
    for (long t = 2000; t <= 20_000; t += 1000) {
      store.addPoint(point(api, t, t));
    }
    List<ScoredPoint> points = store.points(api.id(), 0, Long.MAX_VALUE, 100).orElseThrow();
    assertThat(points).hasSize(10);
    assertThat(points.get(0).timestampMillis()).isEqualTo(11_000);
    assertThat(store.points(api.id(), 12_000, 15_000, 100).orElseThrow()).extracting(ScoredPoint::timestampMillis)
        .containsExactly(12_000L, 13_000L, 14_000L);
    assertThat(store.points(api.id(), 0, Long.MAX_VALUE, 2).orElseThrow()).extracting(ScoredPoint::timestampMillis)
        .containsExactly(19_000L, 20_000L);
    assertThat(store.points("s-unknown", 0, 1, 1)).isEmpty();
    assertThat(store.series(SeriesQuery.firstPage(10)).series()).singleElement().satisfies(summary -> {
      assertThat(summary.points()).isEqualTo(20);
      assertThat(summary.lastValue()).isEqualTo(20_000);
    });
  }

  @Test
  void anomaliesAreDeduplicatedByIdFilteredAndNewestFirst() {
    assertThat(store.addAnomaly(anomaly(api, 1000))).isTrue();
    assertThat(store.addAnomaly(anomaly(api, 1000))).isFalse();
    store.addAnomaly(anomaly(db, 2000));
    store.addAnomaly(anomaly(api, 3000));
    assertThat(store.anomalies(0, "", 10)).extracting(Anomaly::timestampMillis).containsExactly(3000L, 2000L, 1000L);
    assertThat(store.anomalies(0, "api", 10)).extracting(Anomaly::timestampMillis).containsExactly(3000L, 1000L);
    assertThat(store.anomalies(2000, "", 10)).extracting(Anomaly::timestampMillis).containsExactly(3000L, 2000L);
    assertThat(store.anomalies(0, "", 1)).extracting(Anomaly::timestampMillis).containsExactly(3000L);
  }

  @Test
  void logEventsComeNewestLastAndOncePerId() {
    store.addLogEvent(new LogEvent("/ecs/api", "s", 2000, "second", "b"));
    store.addLogEvent(new LogEvent("/ecs/api", "s", 1000, "first", "a"));
    store.addLogEvent(new LogEvent("/ecs/api", "s", 1000, "first again", "a"));
    store.addLogEvent(new LogEvent("/ecs/worker", "s", 1500, "other", "c"));
    assertThat(store.logs("/ecs/api", 0, 10)).extracting(LogEvent::message).containsExactly("first", "second");
    assertThat(store.logs("", 0, 2)).extracting(LogEvent::message).containsExactly("other", "second");
  }

  @Test
  void seriesArePagedInIdOrderAndFiltered() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      SeriesKey key = SeriesKey.of(i % 2 == 0 ? "AWS/ECS" : "AWS/RDS", i % 3 == 0 ? "MemoryUtilization" : "CPUUtilization",
          Map.of("ServiceName", "svc-" + i));
      store.addPoint(point(key, 1000, i));
      ids.add(key.id());
    }
    ids.sort(null);
    List<String> walked = new ArrayList<>();
    SeriesPage page = store.series(SeriesQuery.firstPage(10));
    walked.addAll(page.series().stream().map(summary -> summary.series().id()).toList());
    while (page.nextCursor() != null) {
      assertThat(page.series()).hasSize(10);
      assertThat(page.nextCursor()).isEqualTo(walked.get(walked.size() - 1));
      page = store.series(new SeriesQuery("", "", "", "", page.nextCursor(), 10));
      walked.addAll(page.series().stream().map(summary -> summary.series().id()).toList());
    }
    assertThat(walked).isEqualTo(ids);
    assertThat(page.series()).hasSize(5);

    // Exactly a page full: no next cursor, since nothing follows.
    assertThat(store.series(SeriesQuery.firstPage(25)).nextCursor()).isNull();
    assertThat(store.series(new SeriesQuery("AWS/RDS", "", "", "", "", 100)).series()).hasSize(12)
        .allSatisfy(summary -> assertThat(summary.series().namespace()).isEqualTo("AWS/RDS"));
    assertThat(store.series(new SeriesQuery("", "", "MemoryUtilization", "", "", 100)).series()).hasSize(9);
    assertThat(store.series(new SeriesQuery("", "svc-7", "", "", "", 100)).series()).extracting(SeriesSummary::service).containsExactly("svc-7");
    assertThat(store.series(new SeriesQuery("", "", "", "SVC-2", "", 100)).series()).hasSize(6); // svc-2 and svc-20 to svc-24
    assertThat(store.series(new SeriesQuery("", "", "", "memory", "", 100)).series()).hasSize(9);
    SeriesPage filtered = store.series(new SeriesQuery("AWS/ECS", "", "", "", "", 5));
    assertThat(store.series(new SeriesQuery("AWS/ECS", "", "", "", filtered.nextCursor(), 100)).series()).hasSize(8);
  }
}
