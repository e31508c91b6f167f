package io.vigil.recommendations.ecs;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vigil.ingest.aws.AwsClients;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Applies a right-sizing recommendation to ECS and rolls it back. Before anything changes it checks
 * that the service is not mid-deployment and still runs the task definition the recommendation was
 * made against (else it is stale); the apply registers a new revision with the new size and points
 * the service at it (UpdateService), and the rollback points the service back at the revision it
 * ran before, which is kept (never deregistered).
 */
public final class EcsApplier {

  /** What an apply would do (dry run) or did. */
  public record Plan(String cluster, String service, String currentTaskDefinition, TaskDefinitionChange change) {}

  private final EcsTaskCatalog catalog;

  public EcsApplier(EcsTaskCatalog catalog) {
    this.catalog = catalog;
  }

  /** Checks the service and builds the new revision, changing nothing; fails with {@link ApplyRefused} when it must not go ahead. */
  public Future<Plan> plan(Context context, String cluster, String service, String expectedTaskDefinition, int cpu, int memoryMiB) {
    return catalog.service(context, cluster, service).compose(found -> {
      refuseWhileDeploying(found);
      if (!expectedTaskDefinition.isEmpty() && !expectedTaskDefinition.equals(found.taskDefinition())) {
        throw new ApplyRefused("id", "stale: the recommendation was made for " + expectedTaskDefinition + " but the service now runs "
            + found.taskDefinition() + "; wait for a new recommendation");
      }
      return catalog.taskDefinition(context, found.taskDefinition())
          .map(definition -> new Plan(cluster, service, found.taskDefinition(), TaskDefinitionChange.resize(definition, cpu, memoryMiB)));
    });
  }

  /** Registers the plan's revision and updates the service to it; answers the new revision's ARN. */
  public Future<String> apply(Context context, Plan plan) {
    return AwsClients.call(context, catalog.worker(), () -> catalog.client().registerTaskDefinition(plan.change().request()))
        .compose(registered -> {
          String arn = registered.taskDefinition().taskDefinitionArn();
          return AwsClients.call(context, catalog.worker(), () -> catalog.client().updateService(request -> request
              .cluster(plan.cluster()).service(plan.service()).taskDefinition(arn))).map(updated -> arn);
        });
  }

  /**
   * Points the service back at {@code previousTaskDefinition}, refused while it deploys or when it
   * no longer runs {@code appliedTaskDefinition} (someone changed it since).
   */
  public Future<Void> rollback(Context context, String cluster, String service, String appliedTaskDefinition, String previousTaskDefinition) {
    return catalog.service(context, cluster, service).compose(found -> {
      refuseWhileDeploying(found);
      if (!appliedTaskDefinition.equals(found.taskDefinition())) {
        throw new ApplyRefused("id", "the service runs " + found.taskDefinition() + ", not the applied " + appliedTaskDefinition
            + "; it was changed since, so rolling back would undo someone else's change");
      }
      return AwsClients.call(context, catalog.worker(), () -> catalog.client().updateService(request -> request
          .cluster(cluster).service(service).taskDefinition(previousTaskDefinition))).mapEmpty();
    });
  }

  private static void refuseWhileDeploying(Service service) {
    if (EcsTaskCatalog.deploying(service)) {
      throw new ApplyRefused("id", "the service is mid-deployment (" + service.deployments().size() + " deployments"
          + "); try again once it is steady");
    }
  }

  /** The UpdateService call an apply makes, for the dry run's answer. */
  public static JsonObject updateServiceCall(String cluster, String service, String taskDefinition) {
    return new JsonObject().put("action", "UpdateService").put("cluster", cluster).put("service", service).put("taskDefinition", taskDefinition);
  }
}
