package io.vigil.recommendations.api;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest version of every recommendation, as {@code vigil.recommendations} last said, and the
 * latest apply or rollback of each, as {@code vigil.recommendation-actions} last said: what the
 * recommendations API serves. Written by the view's event loop (and by the action log once Kafka
 * has an action), read by the API's: concurrent maps of JSON objects that are never changed once in.
 */
public final class RecommendationBoard {

  /** Sort orders of the list. */
  public enum Sort {
    /** Priority first (1 first), then the larger saving, then id. */
    PRIORITY,
    /** The larger saving first (the most negative cost delta), then priority, then id. */
    SAVINGS
  }

  private static final Comparator<JsonObject> BY_ID = Comparator.comparing(json -> json.getString("id"));
  private static final Comparator<JsonObject> BY_SAVING = Comparator.comparingDouble(json -> json.getDouble("monthlyCostDelta", 0.0));
  private static final Comparator<JsonObject> BY_PRIORITY = Comparator.comparingInt(json -> json.getInteger("priority", 4));

  private final Map<String, JsonObject> recommendations = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> actions = new ConcurrentHashMap<>();

  /** Keeps {@code recommendation} unless a newer version of it is held; returns whether it was kept. */
  public boolean put(JsonObject recommendation) {
    boolean[] kept = {false};
    recommendations.compute(recommendation.getString("id"), (id, held) -> {
      if (held != null && held.getLong("generatedAtMillis", 0L) > recommendation.getLong("generatedAtMillis", 0L)) {
        return held;
      }
      kept[0] = true;
      return recommendation;
    });
    return kept[0];
  }

  public void remove(String id) {
    recommendations.remove(id);
  }

  public Optional<JsonObject> get(String id) {
    return Optional.ofNullable(recommendations.get(id));
  }

  public int size() {
    return recommendations.size();
  }

  public void putAction(String id, JsonObject action) {
    actions.put(id, action);
  }

  /** The latest apply or rollback of recommendation {@code id}. */
  public Optional<JsonObject> action(String id) {
    return Optional.ofNullable(actions.get(id));
  }

  /** Every recommendation passing the filters (empty: any), in {@code sort} order. */
  public List<JsonObject> list(String service, String finding, Sort sort) {
    List<JsonObject> items = new ArrayList<>();
    for (JsonObject recommendation : recommendations.values()) {
      if ((service.isEmpty() || service.equals(recommendation.getString("service")))
          && (finding.isEmpty() || finding.equalsIgnoreCase(recommendation.getString("finding")))) {
        items.add(recommendation);
      }
    }
    items.sort(sort == Sort.SAVINGS ? BY_SAVING.thenComparing(BY_PRIORITY).thenComparing(BY_ID) : BY_PRIORITY.thenComparing(BY_SAVING).thenComparing(BY_ID));
    return items;
  }
}
