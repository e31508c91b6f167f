package io.vigil.recommendations.stage;

import io.vertx.core.json.JsonObject;

/**
 * One record of {@code vigil.recommendation-inputs}, keyed by service: a CPU or memory utilisation
 * sample (percent of the task's size) or a kill for memory.
 *
 * @param cluster the ECS cluster, or empty when the input does not say (a log line)
 * @param source the series id of a sample, the log group of a kill
 * @param detail a kill's log line; empty for samples
 */
public record UsageInput(Kind kind, String cluster, String service, long timeMillis, double value, String source, String detail) {

  /** What the input is. */
  public enum Kind { CPU, MEMORY, KILL }

  public JsonObject toJson() {
    return new JsonObject().put("kind", kind.name().toLowerCase(java.util.Locale.ROOT)).put("cluster", cluster).put("service", service)
        .put("t", timeMillis).put("v", value).put("source", source).put("detail", detail);
  }

  public static UsageInput fromJson(JsonObject json) {
    return new UsageInput(Kind.valueOf(json.getString("kind").toUpperCase(java.util.Locale.ROOT)), json.getString("cluster", ""),
        json.getString("service"), json.getLong("t"), json.getDouble("v", 0.0), json.getString("source", ""), json.getString("detail", ""));
  }
}
