package io.vigil.deployments.stage;

import io.vertx.core.json.JsonObject;
import io.vigil.model.DeploymentEvent;
import io.vigil.model.MetricPoint;
import io.vigil.model.ServiceResolver;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which ingested records are deployment evidence, and of which service. A point counts when its
 * metric has a direction in the verdict's table (a value nobody judges is not carried) or is a log
 * pattern's count above zero (so the stage can tell which patterns are new since a deployment); its
 * service is the one the series' dimensions name (the configured service dimensions), mapped
 * through the health aliases (a load balancer counts for the service behind it).
 */
public final class DeploymentInputs {

  static final String PATTERN_NAMESPACE = "Vigil/Logs";
  static final String PATTERN_METRIC = "PatternCount";

  private final ServiceResolver resolver;
  private final Map<String, String> aliases;
  private final Set<String> metrics;

  public DeploymentInputs(ServiceResolver resolver, Map<String, String> aliases, Set<String> metrics) {
    this.resolver = resolver;
    this.aliases = Map.copyOf(aliases);
    this.metrics = Set.copyOf(metrics);
  }

  public Optional<DeploymentInput> of(MetricPoint point) {
    boolean pattern = PATTERN_NAMESPACE.equals(point.series().namespace()) && PATTERN_METRIC.equals(point.series().metric());
    if (pattern ? point.value() <= 0 : !metrics.contains(point.series().metric())) {
      return Optional.empty();
    }
    String service = resolver.serviceOf(point.series());
    if (service.isEmpty()) {
      return Optional.empty();
    }
    service = aliases.getOrDefault(service, service);
    Map<String, String> dimensions = point.series().dimensions();
    String patternName = pattern ? dimensions.getOrDefault("LogGroup", "") + " " + dimensions.getOrDefault("Pattern", "") : "";
    return Optional.of(new DeploymentInput.Sample(service, point.series().id(), point.series().metric(), dimensions.getOrDefault("ClusterName", ""),
        point.timestampMillis(), point.value(), point.history(), patternName));
  }

  public static DeploymentInput of(DeploymentEvent event) {
    return new DeploymentInput.Event(event);
  }

  /** A {@code vigil.diagnostics} record; empty for a tombstone or one without a service. */
  public static Optional<DeploymentInput> ofDiagnostic(JsonObject json) {
    if (json == null || json.getString("service", "").isEmpty() || json.getString("signature", "").isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DeploymentInput.Diagnostic(json.getString("service"), json.getString("signature"), json.getString("title", ""),
        json.getString("severity", ""), json.getLong("firstSeenMillis", 0L), json.getLong("lastSeenMillis", 0L), json.getLong("count", 1L)));
  }
}
