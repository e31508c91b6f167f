package io.vigil.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which open insight an alert belongs to: by its anomalies or series first, then its service, then as an affected service. */
class InsightIndexTest {

  private final InsightIndex index = new InsightIndex();

  private static JsonObject insight(String service, long startMillis, List<String> affected, JsonObject... members) {
    return new JsonObject().put("service", service).put("status", "open").put("startMillis", startMillis)
        .put("affectedServices", new JsonArray(affected)).put("timeline", new JsonArray(List.of((Object[]) members)));
  }

  private static JsonObject member(String subject, String... anomalyIds) {
    return new JsonObject().put("subject", subject).put("anomalyIds", new JsonArray(List.of((Object[]) anomalyIds)));
  }

  private static Alert alert(String service, String seriesId, String anomalyId) {
    Map<String, String> labels = new TreeMap<>(Map.of("service", service, "metric", "CPUUtilization", "severity", "warning"));
    String fingerprint = Alert.fingerprintOf(labels);
    return new Alert(Alert.idOf(fingerprint, 1), fingerprint, new TreeMap<>(labels), new TreeMap<>(), seriesId, true, 1, 0, 1, 1, 60_000,
        false, List.of(new JsonObject().put("id", anomalyId)));
  }

  @Test
  void anAlertBelongsToTheInsightThatListsItsAnomalyOrItsSeriesBeforeTheOneOfItsService() {
    index.apply("in-api", insight("api", 100, List.of("api")));
    index.apply("in-db", insight("orders-db", 50, List.of("orders-db", "api"), member("s-db"), member("s-other", "a-7")));

    assertThat(index.insightOf(alert("api", "s-api", "a-7"))).contains("in-db");
    assertThat(index.insightOf(alert("api", "s-db", "a-1"))).contains("in-db");
    assertThat(index.insightOf(alert("api", "s-api", "a-1"))).contains("in-api");
  }

  @Test
  void aServiceWithoutAnInsightOfItsOwnJoinsTheNewestThatNamesItAsAffected() {
    index.apply("in-old", insight("cache", 10, List.of("cache", "web")));
    index.apply("in-new", insight("orders-db", 20, List.of("orders-db", "web")));

    assertThat(index.insightOf(alert("web", "s-web", "a-1"))).contains("in-new");
    assertThat(index.insightOf(alert("worker", "s-worker", "a-2"))).isEmpty();
  }

  @Test
  void aClosedOrDeletedInsightIsNoLongerJoined() {
    index.apply("in-1", insight("api", 10, List.of("api")));
    index.apply("in-1", insight("api", 10, List.of("api")).put("status", "closed"));
    index.apply("in-2", insight("api", 20, List.of("api")));
    index.apply("in-2", null);

    assertThat(index.insightOf(alert("api", "s-api", "a-1"))).isEmpty();
    assertThat(index.openCount()).isZero();
  }
}
