package io.vigil.deployments.stage;

import io.vertx.core.json.JsonObject;
import io.vigil.model.DeploymentEvent;
import io.vigil.model.Wire;
import java.util.Locale;

/**
 * One record of {@code vigil.deployment-inputs}, keyed by service: a value of one of the service's
 * metrics, a deployment event, a diagnostics signature seen for the service, or the result of a
 * synthetic check run while its deployment was verified.
 */
public sealed interface DeploymentInput {

  String service();

  JsonObject toJson();

  /**
   * A value of one of the service's series.
   *
   * @param cluster the ECS cluster the series names, or empty
   * @param pattern the log pattern a {@code PatternCount} series counts ({@code <log group> <pattern id>}), else empty
   */
  record Sample(String service, String seriesId, String metric, String cluster, long timeMillis, double value, boolean history, String pattern)
      implements DeploymentInput {

    @Override
    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("kind", "sample").put("service", service).put("seriesId", seriesId).put("metric", metric)
          .put("t", timeMillis).put("v", value);
      if (!cluster.isEmpty()) {
        json.put("cluster", cluster);
      }
      if (history) {
        json.put("history", true);
      }
      if (!pattern.isEmpty()) {
        json.put("pattern", pattern);
      }
      return json;
    }
  }

  /** Something that happened to a deployment. */
  record Event(DeploymentEvent event) implements DeploymentInput {

    @Override
    public String service() {
      return event.service();
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("kind", "event").put("service", event.service()).put("event", Wire.deploymentEvent(event));
    }
  }

  /** A diagnostics signature of the service, as {@code vigil.diagnostics} last said. */
  record Diagnostic(String service, String signature, String title, String severity, long firstSeenMillis, long lastSeenMillis, long count)
      implements DeploymentInput {

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("kind", "diagnostic").put("service", service).put("signature", signature).put("title", title)
          .put("severity", severity).put("firstSeenMillis", firstSeenMillis).put("lastSeenMillis", lastSeenMillis).put("count", count);
    }
  }

  /**
   * One synthetic check of the service during a verification.
   *
   * @param name the probe and the kind of check: {@code <probe> smoke}, {@code <probe> latency}
   * @param detail why it failed, or what it measured
   */
  record Check(String service, String deploymentId, String name, long timeMillis, boolean passed, String detail) implements DeploymentInput {

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("kind", "check").put("service", service).put("deploymentId", deploymentId).put("name", name).put("t", timeMillis)
          .put("passed", passed).put("detail", detail);
    }
  }

  static DeploymentInput fromJson(JsonObject json) {
    String kind = json.getString("kind", "").toLowerCase(Locale.ROOT);
    return switch (kind) {
      case "sample" -> new Sample(json.getString("service"), json.getString("seriesId"), json.getString("metric"), json.getString("cluster", ""),
          json.getLong("t"), json.getDouble("v"), json.getBoolean("history", false), json.getString("pattern", ""));
      case "event" -> new Event(Wire.deploymentEvent(json.getJsonObject("event")));
      case "diagnostic" -> new Diagnostic(json.getString("service"), json.getString("signature"), json.getString("title", ""),
          json.getString("severity", ""), json.getLong("firstSeenMillis", 0L), json.getLong("lastSeenMillis", 0L), json.getLong("count", 1L));
      case "check" -> new Check(json.getString("service"), json.getString("deploymentId", ""), json.getString("name"), json.getLong("t"),
          json.getBoolean("passed"), json.getString("detail", ""));
      default -> throw new IllegalArgumentException("unknown input kind '" + kind + "'");
    };
  }
}
