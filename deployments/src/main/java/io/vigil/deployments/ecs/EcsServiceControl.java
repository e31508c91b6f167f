package io.vigil.deployments.ecs;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.ingest.aws.AwsClients;
import software.amazon.awssdk.services.ecs.EcsAsyncClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * What the deployments stage asks of ECS: a service's configuration before a deployment (its
 * snapshot), and the two actions a failed verdict may take, each a single UpdateService call: point
 * the service back at the task definition the snapshot recorded, or raise its desired count. Calls
 * start on a worker (the SDK may resolve credentials synchronously) and complete on the caller's
 * context.
 */
public final class EcsServiceControl {

  private final EcsAsyncClient client;
  private final WorkerExecutor worker;

  public EcsServiceControl(EcsAsyncClient client, WorkerExecutor worker) {
    this.client = client;
    this.worker = worker;
  }

  /**
   * The service as it runs: {@code taskDefinition} is what it ran before the rollout under way (the
   * task definition of its ACTIVE deployment, when the new PRIMARY one has not replaced it yet),
   * else the service's own; with {@code desiredCount}, {@code runningCount} and its deployments.
   */
  public Future<JsonObject> snapshot(Context context, String cluster, String service) {
    return service(context, cluster, service).map(found -> {
      String before = found.taskDefinition();
      JsonArray deployments = new JsonArray();
      for (Deployment deployment : found.deployments()) {
        deployments.add(new JsonObject().put("id", deployment.id()).put("status", deployment.status())
            .put("taskDefinition", deployment.taskDefinition()).put("desiredCount", deployment.desiredCount())
            .put("rolloutState", deployment.rolloutStateAsString()));
        if ("ACTIVE".equals(deployment.status()) && deployment.taskDefinition() != null) {
          before = deployment.taskDefinition();
        }
      }
      return new JsonObject().put("source", "ecs").put("cluster", cluster).put("service", service).put("taskDefinition", before)
          .put("runningTaskDefinition", found.taskDefinition()).put("desiredCount", found.desiredCount())
          .put("runningCount", found.runningCount()).put("deployments", deployments);
    });
  }

  /** Points the service at {@code taskDefinition}; answers the one it ran before. Refused when it already runs it. */
  public Future<String> rollback(Context context, String cluster, String service, String taskDefinition) {
    return service(context, cluster, service).compose(found -> {
      if (taskDefinition.equals(found.taskDefinition())) {
        return Future.failedFuture(new IllegalStateException("the service already runs " + taskDefinition + "; nothing to roll back"));
      }
      String running = found.taskDefinition();
      return AwsClients.call(context, worker, () -> client.updateService(request -> request.cluster(cluster).service(service)
          .taskDefinition(taskDefinition))).map(updated -> running);
    });
  }

  /** Sets the desired count to {@code desiredCount}; answers the count before. Refused when it is not higher. */
  public Future<Integer> scaleTo(Context context, String cluster, String service, int desiredCount) {
    return service(context, cluster, service).compose(found -> {
      int before = found.desiredCount() == null ? 0 : found.desiredCount();
      if (desiredCount <= before) {
        return Future.failedFuture(new IllegalStateException("the service already wants " + before + " tasks, not fewer than " + desiredCount));
      }
      return AwsClients.call(context, worker, () -> client.updateService(request -> request.cluster(cluster).service(service)
          .desiredCount(desiredCount))).map(updated -> before);
    });
  }

  /** The UpdateService call an action makes, as its dry run shows it. */
  public static JsonObject updateServiceCall(String cluster, String service, String key, Object value) {
    return new JsonObject().put("action", "UpdateService").put("cluster", cluster).put("service", service).put(key, value);
  }

  private Future<Service> service(Context context, String cluster, String service) {
    return AwsClients.call(context, worker, () -> client.describeServices(request -> request.cluster(cluster).services(service)))
        .compose(response -> response.services().isEmpty() || "INACTIVE".equals(response.services().get(0).status())
            ? Future.failedFuture("ECS has no service " + service + " in cluster " + cluster)
            : Future.succeededFuture(response.services().get(0)));
  }
}
