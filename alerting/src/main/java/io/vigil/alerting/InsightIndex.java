package io.vigil.alerting;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The open insights, as the health stage publishes them, and which one an alert belongs to. An
 * alert belongs to the insight that lists one of its anomalies or its series among its members;
 * failing that, to the open insight of its service; failing that, to an open insight that names its
 * service among the affected ones (a dependency's trouble). The newest wins a tie. Not thread-safe:
 * the alerting verticle's event loop owns it.
 */
final class InsightIndex {

  /** The label an alert carries its insight's id in. */
  static final String LABEL = "insight";

  private record Open(String id, String service, Set<String> affectedServices, Set<String> subjects, Set<String> anomalyIds,
      long startMillis) {}

  private final Map<String, Open> open = new LinkedHashMap<>();

  /** An insight record (null: its tombstone); a closed insight leaves the index. */
  void apply(String id, JsonObject insight) {
    if (insight == null || !"open".equals(insight.getString("status"))) {
      open.remove(id);
      return;
    }
    Set<String> subjects = new HashSet<>();
    Set<String> anomalyIds = new HashSet<>();
    for (Object item : insight.getJsonArray("timeline", new JsonArray())) {
      if (item instanceof JsonObject member) {
        subjects.add(member.getString("subject", ""));
        member.getJsonArray("anomalyIds", new JsonArray()).forEach(anomalyId -> anomalyIds.add(String.valueOf(anomalyId)));
      }
    }
    Set<String> affected = new HashSet<>();
    insight.getJsonArray("affectedServices", new JsonArray()).forEach(service -> affected.add(String.valueOf(service)));
    open.put(id, new Open(id, insight.getString("service", ""), affected, subjects, anomalyIds, insight.getLong("startMillis", 0L)));
  }

  int openCount() {
    return open.size();
  }

  /** The id of the open insight {@code alert} belongs to, if any. */
  Optional<String> insightOf(Alert alert) {
    String service = alert.labels().getOrDefault("service", "");
    Optional<String> byMember = newest(insight -> insight.subjects().contains(alert.seriesId())
        || alert.anomalies().stream().anyMatch(anomaly -> insight.anomalyIds().contains(anomaly.getString("id", ""))));
    if (byMember.isPresent() || service.isEmpty()) {
      return byMember;
    }
    Optional<String> byService = newest(insight -> insight.service().equals(service));
    return byService.isPresent() ? byService : newest(insight -> insight.affectedServices().contains(service));
  }

  private Optional<String> newest(Predicate<Open> which) {
    return open.values().stream().filter(which).max(Comparator.comparingLong(Open::startMillis)).map(Open::id);
  }
}
