package io.vigil.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.LogGroupServices;
import io.vigil.config.ReadModelConfig;
import io.vigil.config.SeriesConfig;
import io.vigil.model.ScoredPoint;
import io.vigil.model.SeriesKey;
import io.vigil.web.SeriesBudget.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The series budget counts what the read side has and what pushes admitted, in all and per namespace, and refuses a batch whole. */
class SeriesCapTest {

  private final ReadStore store = new ReadStore(new ReadModelConfig(10, 10, 10, 48));
  private final SeriesCap cap = new SeriesCap(store, limits(3, 3, Map.of()));

  private static SeriesConfig limits(int maxSeries, int perNamespace, Map<String, Integer> namespaces) {
    return new SeriesConfig(List.of("ServiceName"), maxSeries, perNamespace, namespaces, new LogGroupServices(Map.of()));
  }

  private static SeriesKey key(String service) {
    return key("AWS/ECS", service);
  }

  private static SeriesKey key(String namespace, String service) {
    return SeriesKey.of(namespace, "CPUUtilization", Map.of("ServiceName", service));
  }

  private static void scored(ReadStore target, SeriesKey series) {
    target.addPoint(new ScoredPoint(series, series.dimensions().get("ServiceName"), 1000, 1, 0.1, 0, 2, "level"));
  }

  private void scored(String service) {
    scored(store, key(service));
  }

  @Test
  void seriesTheReadSideHasCountAndAreAlwaysAdmitted() {
    scored("a");
    scored("b");
    assertThat(cap.count()).isEqualTo(2);
    assertThat(cap.admit(List.of(key("a"), key("b")))).isEmpty();
    assertThat(cap.count()).isEqualTo(2);
    assertThat(cap.namespaceCount("AWS/ECS")).isEqualTo(2);
  }

  @Test
  void aBatchThatWouldPassTheLimitIsRefusedWholeAndKnownSeriesStillPass() {
    scored("a");
    Optional<Refusal> refused = cap.admit(List.of(key("b"), key("c"), key("d")));
    assertThat(refused).as("three new, one known: four").isPresent();
    assertThat(refused.get().setting()).isEqualTo("series.maxSeries");
    assertThat(refused.get().message()).isEqualTo("would add 3 series beyond series.maxSeries (3; 1 known)");
    assertThat(cap.count()).as("nothing of the refused batch counts").isEqualTo(1);
    assertThat(cap.admit(List.of(key("b"), key("c")))).isEmpty();
    assertThat(cap.count()).isEqualTo(3);
    assertThat(cap.admit(List.of(key("d")))).isPresent();
    assertThat(cap.admit(List.of(key("a"), key("c")))).isEmpty();
    // An admitted series the read side then scores is not counted twice.
    scored("b");
    assertThat(cap.count()).isEqualTo(3);
    assertThat(cap.namespaceCount("AWS/ECS")).isEqualTo(3);
  }

  @Test
  void aFullNamespaceRefusesItsNewSeriesWhileOthersStillGrow() {
    ReadStore shared = new ReadStore(new ReadModelConfig(10, 10, 10, 48));
    SeriesCap perNamespace = new SeriesCap(shared, limits(100, 2, Map.of("Custom/Tiny", 1)));
    assertThat(perNamespace.admit(List.of(key("a"), key("b")))).isEmpty();

    Optional<Refusal> full = perNamespace.admit(List.of(key("c"), key("AWS/RDS", "db")));
    assertThat(full).as("AWS/ECS would hold three of its two").isPresent();
    assertThat(full.get().scope()).isEqualTo("AWS/ECS");
    assertThat(full.get().message())
        .isEqualTo("would add 1 series beyond series.maxSeriesPerNamespace for namespace AWS/ECS (2; 2 known)");
    assertThat(perNamespace.namespaceCount("AWS/RDS")).as("refused whole: the RDS series of that batch does not count").isZero();

    assertThat(perNamespace.admit(List.of(key("AWS/RDS", "db"), key("AWS/RDS", "db2")))).isEmpty();
    assertThat(perNamespace.admit(List.of(key("a"), key("b"), key("AWS/RDS", "db")))).as("known series always pass").isEmpty();

    assertThat(perNamespace.admit(List.of(key("Custom/Tiny", "x")))).isEmpty();
    Optional<Refusal> own = perNamespace.admit(List.of(key("Custom/Tiny", "y")));
    assertThat(own).isPresent();
    assertThat(own.get().setting()).as("a namespace's own limit is named as such").isEqualTo("series.namespaceLimits");
    assertThat(perNamespace.count()).isEqualTo(5);
  }

  @Test
  void seriesReadBackCountEvenBeyondALoweredLimit() {
    ReadStore restored = new ReadStore(new ReadModelConfig(10, 10, 10, 48));
    SeriesCap lowered = new SeriesCap(restored, limits(100, 1, Map.of()));
    scored(restored, key("a"));
    scored(restored, key("b"));
    assertThat(lowered.namespaceCount("AWS/ECS")).isEqualTo(2);
    assertThat(lowered.admit(List.of(key("a"), key("b")))).isEmpty();
    assertThat(lowered.admit(List.of(key("c")))).isPresent();
  }
}
