package io.vigil.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.ScoredPoint;
import io.vigil.model.SeriesKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PointColumnsTest {

  private static final SeriesKey SERIES = SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", "api"));

  /**
   * The columns against the plainest model of what they promise, a sorted map: the first point of a
   * timestamp wins, the newest {@code capacity} are kept. Random streams, mostly in order with late,
   * repeated and far older points among them, for several capacities, checked after every add.
   */
  @Test
  void behaveLikeASortedMapCappedToTheNewest() {
    for (int capacity : new int[] {1, 2, 7, 10, 64, 300}) {
      for (long seed = 1; seed <= 20; seed++) {
        Random random = new Random(seed * 31 + capacity);
        PointColumns columns = new PointColumns(capacity);
        Model model = new Model(capacity);
        long now = 1_000_000;
        for (int i = 0; i < 2_000; i++) {
          int kind = random.nextInt(10);
          long time = switch (kind) {
            case 0 -> now - random.nextInt(5) * 1000L; // late or repeated
            case 1 -> now - random.nextInt(capacity * 3 + 1) * 1000L; // far back
            default -> now += 1000L * (1 + random.nextInt(2));
          };
          ScoredPoint point = point(time, random.nextInt(4) == 0 ? ScoredPoint.LATE : "default", i % 97 == 0 ? "other" : "api");
          assertThat(columns.add(point)).as("add %d (capacity %d, seed %d)", time, capacity, seed).isEqualTo(model.add(point));
          assertThat(columns.size()).isEqualTo(model.points.size());
          assertThat(columns.total()).isEqualTo(model.total);
          assertThat(columns.late()).isEqualTo(model.late);
          assertThat(columns.last()).isEqualTo(model.points.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(model.points.lastEntry().getValue()));
          long from = now - random.nextInt(capacity * 2 + 2) * 1000L;
          long to = from + random.nextInt(capacity * 2 + 2) * 1000L;
          int limit = 1 + random.nextInt(capacity + 2);
          assertThat(columns.range(from, to, limit)).as("range [%d, %d) limit %d", from, to, limit).isEqualTo(model.range(from, to, limit));
        }
        assertThat(columns.range(Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE)).isEqualTo(model.range(Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE));
      }
    }
  }

  @Test
  void repeatedNamesAreHeldOnceAndTheSeriesKeyIsTheFirstPointsOwn() {
    PointColumns columns = new PointColumns(100);
    for (int i = 0; i < 10; i++) {
      columns.add(new ScoredPoint(SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", "api")), new String("api"), 1000L * i, i, 0.1,
          0, 10, new String("default")));
    }
    List<ScoredPoint> points = columns.range(0, Long.MAX_VALUE, 100);
    assertThat(points).hasSize(10);
    for (ScoredPoint point : points) {
      assertThat(point.service()).isSameAs(points.get(0).service());
      assertThat(point.detector()).isSameAs(points.get(0).detector());
      assertThat(point.series()).isSameAs(points.get(0).series());
    }
  }

  @Test
  void emptyOrBackwardRangesAndABadCapacity() {
    PointColumns columns = new PointColumns(3);
    assertThat(columns.range(0, 10, 5)).isEmpty();
    assertThat(columns.last()).isEmpty();
    columns.add(point(5, "default", "api"));
    assertThat(columns.range(10, 0, 5)).isEmpty();
    assertThat(columns.range(0, 10, 0)).isEmpty();
    assertThatThrownBy(() -> new PointColumns(0)).hasMessageContaining("capacity");
  }

  private static ScoredPoint point(long time, String detector, String service) {
    return new ScoredPoint(SERIES, service, time, time / 1000.0, 0.25, time / 2000.0, time / 500.0, detector);
  }

  /** What the store did before the columns: a sorted map, the oldest dropped beyond the capacity. */
  private static final class Model {
    final int capacity;
    final NavigableMap<Long, ScoredPoint> points = new TreeMap<>();
    long total;
    long late;

    Model(int capacity) {
      this.capacity = capacity;
    }

    boolean add(ScoredPoint point) {
      boolean added = points.putIfAbsent(point.timestampMillis(), point) == null;
      if (added) {
        total++;
        if (point.late()) {
          late++;
        }
        while (points.size() > capacity) {
          points.pollFirstEntry();
        }
      }
      return added;
    }

    List<ScoredPoint> range(long from, long to, int limit) {
      if (from >= to) {
        return List.of();
      }
      List<ScoredPoint> newestFirst = new ArrayList<>();
      for (ScoredPoint point : points.subMap(from, true, to, false).descendingMap().values()) {
        if (newestFirst.size() == limit) {
          break;
        }
        newestFirst.add(point);
      }
      Collections.reverse(newestFirst);
      return newestFirst;
    }
  }
}
