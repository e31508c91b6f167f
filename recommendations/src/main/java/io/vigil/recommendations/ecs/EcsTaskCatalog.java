package io.vigil.recommendations.ecs;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vigil.ingest.aws.AwsClients;
import io.vigil.recommendations.CostModel;
import io.vigil.recommendations.FargateSize;
import io.vigil.recommendations.MemoryKill;
import io.vigil.recommendations.TaskSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.ecs.EcsAsyncClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Reads a service's task metadata from ECS through the async client: DescribeServices (task
 * definition, desired count, deployments), DescribeTaskDefinition (CPU, memory, architecture) and
 * ListTasks + DescribeTasks of its stopped tasks, whose exit code 137 or {@code OutOfMemoryError}
 * stop reason is a kill for memory. Calls start on a worker (the SDK may resolve credentials
 * synchronously) and complete on the caller's context.
 */
public final class EcsTaskCatalog {

  private final EcsAsyncClient client;
  private final WorkerExecutor worker;

  public EcsTaskCatalog(EcsAsyncClient client, WorkerExecutor worker) {
    this.client = client;
    this.worker = worker;
  }

  public EcsAsyncClient client() {
    return client;
  }

  public WorkerExecutor worker() {
    return worker;
  }

  /** The service's state; fails when ECS does not know it. */
  public Future<EcsServiceState> describe(Context context, String cluster, String service) {
    return service(context, cluster, service).compose(found -> taskDefinition(context, found.taskDefinition()).compose(definition ->
        memoryKills(context, cluster, service).map(kills -> new EcsServiceState(cluster, service, size(found, definition), deploying(found), kills))));
  }

  Future<Service> service(Context context, String cluster, String service) {
    return AwsClients.call(context, worker, () -> client.describeServices(request -> request.cluster(cluster).services(service)))
        .compose(response -> response.services().isEmpty() || "INACTIVE".equals(response.services().get(0).status())
            ? Future.failedFuture("ECS has no service " + service + " in cluster " + cluster)
            : Future.succeededFuture(response.services().get(0)));
  }

  Future<TaskDefinition> taskDefinition(Context context, String arn) {
    return AwsClients.call(context, worker, () -> client.describeTaskDefinition(request -> request.taskDefinition(arn)))
        .map(response -> response.taskDefinition());
  }

  /**
   * A deployment is under way while the service has more than its primary deployment (the new
   * revision's tasks starting while the old ones drain). The primary's own rollout state is not
   * consulted: it stays IN_PROGRESS on services without the deployment circuit breaker's steady-state
   * report, and an apply then would be refused for ever.
   */
  static boolean deploying(Service service) {
    return service.deployments().size() > 1;
  }

  static TaskSize size(Service service, TaskDefinition definition) {
    int cpu = parse(definition.cpu(), 0);
    int memory = parse(definition.memory(), 0);
    if (cpu <= 0 || memory <= 0) {
      // Task-level sizes are what Fargate bills; EC2 tasks sized per container add theirs up.
      cpu = Math.max(cpu, definition.containerDefinitions().stream().mapToInt(container -> container.cpu() == null ? 0 : container.cpu()).sum());
      memory = Math.max(memory, definition.containerDefinitions().stream().mapToInt(container -> container.memory() == null ? 0 : container.memory()).sum());
    }
    boolean arm = definition.runtimePlatform() != null && definition.runtimePlatform().cpuArchitectureAsString() != null
        && definition.runtimePlatform().cpuArchitectureAsString().toUpperCase(Locale.ROOT).contains("ARM");
    return new TaskSize(new FargateSize(Math.max(cpu, 1), Math.max(memory, 1)), service.desiredCount() == null ? 0 : service.desiredCount(),
        arm ? CostModel.Architecture.ARM64 : CostModel.Architecture.X86_64, definition.taskDefinitionArn(), "ecs");
  }

  private Future<List<MemoryKill>> memoryKills(Context context, String cluster, String service) {
    return AwsClients.call(context, worker, () -> client.listTasks(request -> request.cluster(cluster).serviceName(service).desiredStatus(DesiredStatus.STOPPED)))
        .compose(listed -> {
          if (listed.taskArns().isEmpty()) {
            return Future.succeededFuture(List.<MemoryKill>of());
          }
          List<String> arns = listed.taskArns().subList(0, Math.min(100, listed.taskArns().size()));
          return AwsClients.call(context, worker, () -> client.describeTasks(request -> request.cluster(cluster).tasks(arns)))
              .map(described -> kills(described.tasks()));
        });
  }

  static List<MemoryKill> kills(List<Task> tasks) {
    List<MemoryKill> kills = new ArrayList<>();
    for (Task task : tasks) {
      String reason = task.stoppedReason() == null ? "" : task.stoppedReason();
      boolean exited137 = task.containers().stream().map(Container::exitCode).anyMatch(code -> code != null && code == 137);
      boolean outOfMemory = reason.contains("OutOfMemory") || reason.contains("OOMKilled");
      if ((exited137 || outOfMemory) && task.stoppedAt() != null) {
        String detail = (reason.isEmpty() ? "exit code 137" : reason) + " (" + task.taskArn() + ")";
        kills.add(new MemoryKill(task.stoppedAt().toEpochMilli(), 0, "ecs", detail));
      }
    }
    return kills;
  }

  private static int parse(String text, int otherwise) {
    if (text == null || text.isBlank()) {
      return otherwise;
    }
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (trimmed.endsWith("vcpu")) {
        return (int) Math.round(Double.parseDouble(trimmed.replace("vcpu", "").trim()) * 1024);
      }
      if (trimmed.endsWith("gb")) {
        return (int) Math.round(Double.parseDouble(trimmed.replace("gb", "").trim()) * 1024);
      }
      return Integer.parseInt(trimmed);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
