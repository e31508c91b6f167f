package io.vigil.deployments.stage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vigil.config.RecommendationsConfig;
import io.vigil.deployments.ecs.EcsServiceControl;
import io.vigil.ingest.aws.AwsClients;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration a deployment replaced: read from ECS (task definition, desired count, its
 * deployments) while the deployment is recent enough that the service still shows it, else the
 * configured size of the service ({@code recommendations.services}, the demo's own), else a record
 * that says none is known. Autoscaling settings are not read yet.
 */
final class SnapshotTaker {

  private final Optional<EcsServiceControl> ecs;
  private final Map<String, RecommendationsConfig.ServiceSize> configured;
  private final StageSettings settings;
  private final Clock clock;

  SnapshotTaker(Optional<EcsServiceControl> ecs, Map<String, RecommendationsConfig.ServiceSize> configured, StageSettings settings, Clock clock) {
    this.ecs = ecs;
    this.configured = Map.copyOf(configured);
    this.settings = settings;
    this.clock = clock;
  }

  Future<JsonObject> take(Context context, TrackedDeployment deployment, String cluster) {
    long now = clock.millis();
    boolean recent = now - deployment.startedAtMillis() <= settings.maxDeployMillis() + settings.lateDataMillis();
    Future<JsonObject> read;
    if (ecs.isPresent() && recent && !cluster.isEmpty()) {
      read = ecs.get().snapshot(context, cluster, deployment.service)
          .recover(failure -> Future.succeededFuture(fromConfiguration(deployment).put("ecsError", AwsClients.describe(failure))));
    } else {
      read = Future.succeededFuture(fromConfiguration(deployment));
    }
    return read.map(snapshot -> snapshot.put("deploymentId", deployment.id).put("service", deployment.service)
        .put("takenAt", Instant.ofEpochMilli(now).toString()).put("takenAtMillis", now));
  }

  private JsonObject fromConfiguration(TrackedDeployment deployment) {
    RecommendationsConfig.ServiceSize size = configured.get(deployment.service);
    if (size == null) {
      return new JsonObject().put("source", "none").put("taskDefinition", "")
          .put("note", "neither ECS (deployments.ecs.enabled, at the deployment's start) nor recommendations.services knows this service");
    }
    return new JsonObject().put("source", "config").put("taskDefinition", "").put("cpu", size.cpu()).put("memoryMiB", size.memoryMiB())
        .put("desiredCount", size.desiredCount()).put("architecture", size.architecture());
  }
}
