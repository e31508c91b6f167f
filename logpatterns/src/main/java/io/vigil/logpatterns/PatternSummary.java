package io.vigil.logpatterns;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One template of one log group as the API shows it.
 *
 * @param patternId the template's id within its group ({@code p12}); also the series' {@code Pattern} dimension
 * @param level the first level word (ERROR, WARN, INFO, ...) seen in its lines, or empty
 * @param example its latest line (cut at 500 characters)
 * @param lastMinuteCount lines in the latest closed minute
 * @param previousMinuteCount lines in the minute before it
 * @param newPattern whether it first appeared after the group's warm-up
 */
public record PatternSummary(String logGroup, String service, String patternId, String template, long count,
    long firstSeenMillis, long lastSeenMillis, String level, String example, long lastMinuteCount,
    long previousMinuteCount, boolean newPattern) {

  /** {@code rising}, {@code falling} or {@code steady}: the latest closed minute against the one before. */
  public String trend() {
    if (lastMinuteCount > 2 * previousMinuteCount + 2) {
      return "rising";
    }
    if (2 * lastMinuteCount + 2 < previousMinuteCount) {
      return "falling";
    }
    return "steady";
  }

  /** The compacted topic's key: one record per group and pattern. */
  public String key() {
    return logGroup + " " + patternId;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("logGroup", logGroup)
        .put("service", service)
        .put("pattern", patternId)
        .put("template", template)
        .put("count", count)
        .put("trend", trend())
        .put("firstSeen", Instant.ofEpochMilli(firstSeenMillis).toString())
        .put("lastSeen", Instant.ofEpochMilli(lastSeenMillis).toString())
        .put("level", level)
        .put("example", example)
        .put("lastMinuteCount", lastMinuteCount)
        .put("previousMinuteCount", previousMinuteCount)
        .put("newPattern", newPattern);
  }

  public static PatternSummary fromJson(JsonObject json) {
    return new PatternSummary(json.getString("logGroup"), json.getString("service", ""), json.getString("pattern"),
        json.getString("template"), json.getLong("count"), Instant.parse(json.getString("firstSeen")).toEpochMilli(),
        Instant.parse(json.getString("lastSeen")).toEpochMilli(), json.getString("level", ""),
        json.getString("example", ""), json.getLong("lastMinuteCount", 0L), json.getLong("previousMinuteCount", 0L),
        json.getBoolean("newPattern", false));
  }
}
