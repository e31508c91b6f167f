package io.vigil.deployments.stage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vigil.config.DeploymentsConfig;
import io.vigil.deployments.ecs.EcsServiceControl;
import io.vigil.ingest.aws.AwsClients;
import io.vigil.kafka.PartitionedStage;
import io.vigil.model.Anomaly;
import io.vigil.model.SeriesKey;
import io.vigil.model.Severity;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import io.vigil.web.AuditTrail;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a failed verdict does, in order, each step recorded on the deployment's {@code actions} with
 * its reason. First an alert: an anomaly of the series {@code Vigil/Deployments DeploymentVerdict
 * ServiceName=<service>} (value the verdict's score, expected the fail score to 100) on
 * {@code vigil.anomalies}, so subscriptions, grouping, silences and receivers treat it as they treat
 * every anomaly of the service. Then, with {@code deployments.autoRollback}, a rollback to the task
 * definition the snapshot recorded, or else, with {@code deployments.scaleOut.enabled}, a higher
 * desired count; each is recorded as a dry run (the UpdateService call it would make) before it is
 * made, and once made it is written to the audit trail. With neither enabled the dry run alone is
 * recorded, so the deployment shows what a rollback would have done. A rollout that failed by itself
 * (a stack update, the circuit breaker) only alerts: its platform is already rolling it back.
 */
final class FailedVerdictActions {

  static final String NAMESPACE = "Vigil/Deployments";
  static final String METRIC = "DeploymentVerdict";
  static final String ACTOR = "vigil:deployments";

  private final DeploymentsConfig config;
  private final Optional<EcsServiceControl> ecs;
  private final Clock clock;

  FailedVerdictActions(DeploymentsConfig config, Optional<EcsServiceControl> ecs, Clock clock) {
    this.config = config;
    this.ecs = ecs;
    this.clock = clock;
  }

  /** Runs the actions of {@code deployment}; {@code changed} is called after each one is recorded. */
  Future<Void> run(Context context, TrackedDeployment deployment, String cluster, PartitionedStage.Output out, Runnable changed) {
    String reason = deployment.verdict.reasons().isEmpty() ? "the verdict is fail" : deployment.verdict.reasons().get(0);
    alert(deployment, reason, out);
    changed.run();
    if (!deployment.rolloutFailure.isEmpty()) {
      // ECS's circuit breaker and CloudFormation roll a failed rollout back themselves; a second rollback would race theirs.
      deployment.actions.add(action(config.autoRollback() || !config.scaleOut().enabled() ? "rollback" : "scale-out", true, "not-made", reason)
          .put("why", "the rollout itself failed (" + deployment.source + "), and its platform rolls it back"));
      changed.run();
      return Future.succeededFuture();
    }
    String previous = deployment.snapshot == null ? "" : deployment.snapshot.getString("taskDefinition", "");
    if (config.autoRollback() || !config.scaleOut().enabled()) {
      return rollback(context, deployment, cluster, previous, reason, out, changed);
    }
    return scaleOut(context, deployment, cluster, reason, out, changed);
  }

  private void alert(TrackedDeployment deployment, String reason, PartitionedStage.Output out) {
    SeriesKey series = SeriesKey.of(NAMESPACE, METRIC, Map.of("ServiceName", deployment.service));
    long at = deployment.verdictAtMillis;
    Anomaly anomaly = new Anomaly(Anomaly.idFor(series.id(), at), series, deployment.service, at, deployment.verdict.score(), 1.0,
        config.failScore(), 100, Severity.CRITICAL, "deployment-verdict");
    out.send(Topics.ANOMALIES, series.id(), Wire.anomaly(anomaly).put("deploymentId", deployment.id).put("reason", reason));
    deployment.actions.add(action("alert", false, "raised", reason).put("anomalyId", anomaly.id()).put("seriesId", series.id()));
  }

  private Future<Void> rollback(Context context, TrackedDeployment deployment, String cluster, String previous, String reason,
      PartitionedStage.Output out, Runnable changed) {
    if (previous.isEmpty()) {
      deployment.actions.add(action("rollback", true, "impossible", reason)
          .put("why", "no snapshot recorded the task definition before the deployment (deployments.ecs.enabled is "
              + config.ecs().enabled() + ")"));
      changed.run();
      return Future.succeededFuture();
    }
    JsonObject call = EcsServiceControl.updateServiceCall(cluster, deployment.service, "taskDefinition", previous);
    if (!config.autoRollback() || ecs.isEmpty() || cluster.isEmpty()) {
      String why = !config.autoRollback() ? "deployments.autoRollback is false: this is what a rollback would do"
          : ecs.isEmpty() ? "deployments.ecs.enabled is false: ECS cannot be reached" : "the service's cluster is not known: set deployments.ecs.cluster";
      deployment.actions.add(action("rollback", true, "not-made", reason).put("call", call).put("why", why));
      changed.run();
      return Future.succeededFuture();
    }
    deployment.actions.add(action("rollback", true, "planned", reason).put("call", call));
    changed.run();
    return ecs.get().rollback(context, cluster, deployment.service, previous).transform(done -> {
      if (done.failed()) {
        deployment.actions.add(action("rollback", false, "failed", reason).put("call", call).put("error", AwsClients.describe(done.cause())));
      } else {
        String from = done.result();
        deployment.actions.add(action("rollback", false, "done", reason).put("call", call).put("from", from).put("to", previous));
        audit(deployment, "UpdateService", cluster, new JsonObject().put("taskDefinition", from),
            new JsonObject().put("taskDefinition", previous).put("reason", reason), out);
      }
      changed.run();
      return Future.succeededFuture();
    });
  }

  private Future<Void> scaleOut(Context context, TrackedDeployment deployment, String cluster, String reason, PartitionedStage.Output out,
      Runnable changed) {
    int before = deployment.snapshot == null ? 0 : deployment.snapshot.getInteger("desiredCount", 0);
    int target = Math.min(config.scaleOut().maxDesiredCount(), (int) Math.ceil(Math.max(1, before) * config.scaleOut().factor()));
    JsonObject call = EcsServiceControl.updateServiceCall(cluster, deployment.service, "desiredCount", target);
    if (ecs.isEmpty() || cluster.isEmpty() || target <= before) {
      String why = ecs.isEmpty() ? "deployments.ecs.enabled is false: ECS cannot be reached"
          : cluster.isEmpty() ? "the service's cluster is not known: set deployments.ecs.cluster"
          : "desired count " + before + " is already at deployments.scaleOut.maxDesiredCount";
      deployment.actions.add(action("scale-out", true, "not-made", reason).put("call", call).put("why", why));
      changed.run();
      return Future.succeededFuture();
    }
    deployment.actions.add(action("scale-out", true, "planned", reason).put("call", call));
    changed.run();
    return ecs.get().scaleTo(context, cluster, deployment.service, target).transform(done -> {
      if (done.failed()) {
        deployment.actions.add(action("scale-out", false, "failed", reason).put("call", call).put("error", AwsClients.describe(done.cause())));
      } else {
        deployment.actions.add(action("scale-out", false, "done", reason).put("call", call).put("from", done.result()).put("to", target));
        audit(deployment, "UpdateService", cluster, new JsonObject().put("desiredCount", done.result()),
            new JsonObject().put("desiredCount", target).put("reason", reason), out);
      }
      changed.run();
      return Future.succeededFuture();
    });
  }

  private void audit(TrackedDeployment deployment, String call, String cluster, JsonObject before, JsonObject after, PartitionedStage.Output out) {
    JsonObject record = AuditTrail.automatic(clock.instant(), ACTOR, call, "ecs:" + cluster + "/" + deployment.service, "deployments", deployment.id,
        200, before, after);
    out.send(Topics.AUDIT, "deployments/" + deployment.id, record);
  }

  private JsonObject action(String type, boolean dryRun, String result, String reason) {
    return new JsonObject().put("type", type).put("dryRun", dryRun).put("result", result).put("reason", reason)
        .put("at", clock.instant().toString()).put("atMillis", clock.millis());
  }
}
