package io.vigil.health;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A service's health at one moment, as written to {@code vigil.health} (keyed by service) and
 * served by the API: score (none while {@code unknown}), status, the deductions with their
 * evidence, the top reason, and the trend.
 *
 * @param history the score per minute for the last 24 hours, oldest first, null for a gap; the
 *     first entry is the minute starting at {@code historyStartMillis}
 */
public record ServiceHealth(
    String service,
    OptionalInt score,
    HealthStatus status,
    List<HealthComponent> components,
    String topReason,
    long updatedAtMillis,
    OptionalInt delta1h,
    OptionalInt delta24h,
    long historyStartMillis,
    List<Integer> history) {

  /** Minutes of history in the list's sparkline. */
  public static final int SPARKLINE_MINUTES = 60;

  public ServiceHealth {
    components = List.copyOf(components);
    history = java.util.Collections.unmodifiableList(new ArrayList<>(history));
  }

  /** The last {@link #SPARKLINE_MINUTES} of the history. */
  public List<Integer> sparkline() {
    return history.subList(Math.max(0, history.size() - SPARKLINE_MINUTES), history.size());
  }

  /** The short form the list endpoint shows: no components, an hour of history. */
  public JsonObject summaryJson() {
    JsonArray sparkline = new JsonArray();
    sparkline().forEach(sparkline::add);
    return head().put("sparkline", sparkline);
  }

  /** The whole record, as on {@code vigil.health} and the detail endpoint. */
  public JsonObject toJson() {
    JsonArray parts = new JsonArray();
    components.forEach(component -> parts.add(component.toJson()));
    JsonArray scores = new JsonArray();
    history.forEach(scores::add);
    JsonArray sparkline = new JsonArray();
    sparkline().forEach(sparkline::add);
    return head().put("components", parts).put("sparkline", sparkline).put("history", new JsonObject()
        .put("startMillis", historyStartMillis).put("stepMillis", ScoreHistory.MINUTE_MILLIS).put("scores", scores));
  }

  private JsonObject head() {
    return new JsonObject()
        .put("service", service)
        .put("score", score.isPresent() ? score.getAsInt() : null)
        .put("status", status.wireName())
        .put("topReason", topReason)
        .put("updatedAt", Instant.ofEpochMilli(updatedAtMillis).toString())
        .put("updatedAtMillis", updatedAtMillis)
        .put("delta1h", delta1h.isPresent() ? delta1h.getAsInt() : null)
        .put("delta24h", delta24h.isPresent() ? delta24h.getAsInt() : null);
  }

  public static ServiceHealth fromJson(JsonObject json) {
    List<HealthComponent> components = new ArrayList<>();
    json.getJsonArray("components").forEach(part -> components.add(HealthComponent.fromJson((JsonObject) part)));
    JsonObject history = json.getJsonObject("history");
    List<Integer> scores = new ArrayList<>();
    history.getJsonArray("scores").forEach(score -> scores.add(score == null ? null : ((Number) score).intValue()));
    return new ServiceHealth(json.getString("service"), optional(json.getInteger("score")), HealthStatus.fromWire(json.getString("status")),
        components, json.getString("topReason"), json.getLong("updatedAtMillis"), optional(json.getInteger("delta1h")),
        optional(json.getInteger("delta24h")), history.getLong("startMillis"), scores);
  }

  private static OptionalInt optional(Integer value) {
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }
}
