package io.vigil.alerting;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Feedback on alerts, and what it does: every {@code not_anomaly} verdict on a series raises that
 * series' alert threshold by a step, up to a maximum raise (and never above 1). Not thread-safe.
 */
public final class FeedbackLedger {

  public static final Set<String> VERDICTS = Set.of("anomaly", "not_anomaly", "expected");

  private final double baseThreshold;
  private final double step;
  private final double maxRaise;
  private final Map<String, List<JsonObject>> byAlert = new HashMap<>();
  private final Map<String, Integer> notAnomalyBySeries = new HashMap<>();
  private final Set<String> ids = new HashSet<>();

  public FeedbackLedger(double baseThreshold, double step, double maxRaise) {
    this.baseThreshold = baseThreshold;
    this.step = step;
    this.maxRaise = maxRaise;
  }

  /**
   * Adds a stored feedback record ({@code id, alertId, seriesId, verdict, ...}); a record whose id
   * is already known (read back from Kafka after being added locally) changes nothing.
   */
  public void add(JsonObject feedback) {
    String feedbackId = feedback.getString("id");
    if (feedbackId != null && !ids.add(feedbackId)) {
      return;
    }
    byAlert.computeIfAbsent(feedback.getString("alertId"), id -> new ArrayList<>()).add(feedback);
    if ("not_anomaly".equals(feedback.getString("verdict"))) {
      notAnomalyBySeries.merge(feedback.getString("seriesId", ""), 1, Integer::sum);
    }
  }

  public JsonArray of(String alertId) {
    return new JsonArray(new ArrayList<>(byAlert.getOrDefault(alertId, List.of())));
  }

  /** The score an anomaly of {@code seriesId} must reach to count towards an alert. */
  public double thresholdOf(String seriesId) {
    int count = notAnomalyBySeries.getOrDefault(seriesId, 0);
    return Math.min(1.0, baseThreshold + Math.min(maxRaise, step * count));
  }
}
