package io.vigil.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.ReadModelConfig;
import io.vigil.model.ScoredPoint;
import io.vigil.model.SeriesKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The series budget counts what the read side has and what pushes admitted, and refuses a batch whole. */
class SeriesCapTest {

  private final ReadStore store = new ReadStore(new ReadModelConfig(10, 10, 10, 48));
  private final SeriesCap cap = new SeriesCap(store, 3);

  private static String id(String service) {
    return SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", service)).id();
  }

  private void scored(String service) {
    SeriesKey series = SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", service));
    store.addPoint(new ScoredPoint(series, service, 1000, 1, 0.1, 0, 2, "level"));
  }

  @Test
  void seriesTheReadSideHasCountAndAreAlwaysAdmitted() {
    scored("a");
    scored("b");
    assertThat(cap.count()).isEqualTo(2);
    assertThat(cap.admit(List.of(id("a"), id("b")))).isTrue();
    assertThat(cap.count()).isEqualTo(2);
  }

  @Test
  void aBatchThatWouldPassTheLimitIsRefusedWholeAndKnownSeriesStillPass() {
    scored("a");
    assertThat(cap.admit(List.of(id("b"), id("c"), id("d")))).as("three new, one known: four").isFalse();
    assertThat(cap.count()).as("nothing of the refused batch counts").isEqualTo(1);
    assertThat(cap.admit(List.of(id("b"), id("c")))).isTrue();
    assertThat(cap.count()).isEqualTo(3);
    assertThat(cap.admit(List.of(id("d")))).isFalse();
    assertThat(cap.admit(List.of(id("a"), id("c")))).isTrue();
    // An admitted series the read side then scores is not counted twice.
    scored("b");
    assertThat(cap.count()).isEqualTo(3);
  }
}
