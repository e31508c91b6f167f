package io.vigil.ingest.ecs;

import io.vigil.model.DeploymentEvent;
import io.vigil.model.DeploymentEvent.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * What one DescribeServices answer and the service's stopped tasks say about its deployments, as
 * {@link DeploymentEvent}s with stable ids: a deployment's start, completion or failure (id
 * {@code <deployment id>:<started|completed|failed>}), each service event (ECS's own event id), and
 * each stopped task (its ARN and stop time), with its stop code, reason and containers' exit codes.
 */
public final class EcsDeploymentEvents {

  public static final String SOURCE = "ecs";

  private static final Pattern DEPLOYMENT_IN_MESSAGE = Pattern.compile("\\(deployment (ecs-svc/[^)\\s]+)\\)");
  private static final Pattern COMPLETED = Pattern.compile("(?i)has reached a steady state|deployment completed");
  private static final Pattern FAILED = Pattern.compile("(?i)deployment failed|circuit breaker");
  private static final Pattern ROLLED_BACK = Pattern.compile("(?i)rolling back|rolled back");
  private static final Pattern TASK_FAILED = Pattern.compile(
      "(?i)failed (?:ELB|container) health checks|unable to place|failed to start|is unhealthy|unable to consistently start");
  /** Stop codes that mean a task failed rather than was replaced or scaled in. */
  private static final Set<String> FAILING_STOP_CODES = Set.of("TaskFailedToStart", "EssentialContainerExited");
  /** Exit codes of a container that stopped as asked (143: SIGTERM on a scheduler-initiated stop). */
  private static final Set<Integer> CLEAN_EXIT_CODES = Set.of(0, 143);

  private EcsDeploymentEvents() {}

  /** The events of {@code service}'s deployments and service events, oldest first. */
  public static List<DeploymentEvent> ofService(EcsServiceRef ref, Service service) {
    List<DeploymentEvent> out = new ArrayList<>();
    for (Deployment deployment : service.deployments()) {
      out.addAll(ofDeployment(ref, deployment));
    }
    String current = currentDeployment(ref, service);
    for (ServiceEvent event : service.events()) {
      if (event.id() == null || event.createdAt() == null) {
        continue;
      }
      String message = event.message() == null ? "" : event.message();
      Matcher named = DEPLOYMENT_IN_MESSAGE.matcher(message);
      String deploymentId = named.find() ? named.group(1) : current;
      out.add(new DeploymentEvent(event.id(), deploymentId, ref.vigilService(), kindOf(message), event.createdAt().toEpochMilli(),
          SOURCE, "", "", "", ref.key(), "", message));
    }
    out.sort(java.util.Comparator.comparingLong(DeploymentEvent::timestampMillis).thenComparing(DeploymentEvent::eventId));
    return out;
  }

  private static List<DeploymentEvent> ofDeployment(EcsServiceRef ref, Deployment deployment) {
    List<DeploymentEvent> out = new ArrayList<>();
    if (deployment.id() == null || deployment.createdAt() == null) {
      return out;
    }
    String taskDefinition = deployment.taskDefinition() == null ? "" : deployment.taskDefinition();
    String version = revision(taskDefinition);
    String status = deployment.status() == null ? "" : deployment.status();
    String rollout = deployment.rolloutStateAsString() == null ? "" : deployment.rolloutStateAsString();
    String reason = deployment.rolloutStateReason() == null ? "" : deployment.rolloutStateReason();
    out.add(new DeploymentEvent(deployment.id() + ":started", deployment.id(), ref.vigilService(), Kind.STARTED,
        deployment.createdAt().toEpochMilli(), SOURCE, version, "", "", taskDefinition, status, reason));
    Instant updated = deployment.updatedAt() == null ? deployment.createdAt() : deployment.updatedAt();
    if (rollout.equals("COMPLETED")) {
      out.add(new DeploymentEvent(deployment.id() + ":completed", deployment.id(), ref.vigilService(), Kind.COMPLETED,
          updated.toEpochMilli(), SOURCE, version, "", "", taskDefinition, status + " " + rollout, reason));
    } else if (rollout.equals("FAILED")) {
      out.add(new DeploymentEvent(deployment.id() + ":failed", deployment.id(), ref.vigilService(), Kind.FAILED,
          updated.toEpochMilli(), SOURCE, version, "", "", taskDefinition, status + " " + rollout, reason));
    }
    return out;
  }

  /** The event of one stopped task, or empty while it is still stopping. */
  public static Optional<DeploymentEvent> ofStoppedTask(EcsServiceRef ref, Task task, Service service) {
    if (task.taskArn() == null || task.stoppedAt() == null) {
      return Optional.empty();
    }
    String stopCode = task.stopCodeAsString() == null ? "" : task.stopCodeAsString();
    String stoppedReason = task.stoppedReason() == null ? "" : task.stoppedReason();
    StringBuilder status = new StringBuilder(stopCode.isEmpty() ? "" : "stopCode=" + stopCode);
    StringBuilder reason = new StringBuilder(stoppedReason);
    boolean unclean = false;
    for (Container container : task.containers()) {
      Integer exitCode = container.exitCode();
      String containerReason = container.reason() == null ? "" : container.reason();
      if (exitCode == null && containerReason.isEmpty()) {
        continue;
      }
      if (exitCode != null) {
        status.append(status.length() == 0 ? "" : " ").append("exitCode=").append(exitCode);
        unclean |= !CLEAN_EXIT_CODES.contains(exitCode);
      }
      reason.append(reason.length() == 0 ? "" : "; ").append("container ").append(container.name()).append(':');
      if (exitCode != null) {
        reason.append(" exit code ").append(exitCode);
      }
      if (!containerReason.isEmpty()) {
        reason.append(" (").append(containerReason).append(')');
      }
    }
    boolean failed = FAILING_STOP_CODES.contains(stopCode) || unclean || TASK_FAILED.matcher(stoppedReason).find();
    String taskDefinition = task.taskDefinitionArn() == null ? "" : task.taskDefinitionArn();
    String deploymentId = deploymentOf(ref, task, service);
    return Optional.of(new DeploymentEvent(task.taskArn() + "@" + task.stoppedAt().toEpochMilli(), deploymentId, ref.vigilService(),
        failed ? Kind.TASK_FAILED : Kind.PROGRESS, task.stoppedAt().toEpochMilli(), SOURCE, revision(taskDefinition), "", "",
        taskDefinition, status.toString(), reason.toString()));
  }

  /** The deployment that started {@code task}: its {@code startedBy}, else the deployment of its task definition. */
  private static String deploymentOf(EcsServiceRef ref, Task task, Service service) {
    String startedBy = task.startedBy() == null ? "" : task.startedBy();
    if (startedBy.startsWith("ecs-svc/")) {
      return startedBy;
    }
    if (service != null) {
      for (Deployment deployment : service.deployments()) {
        if (deployment.id() != null && deployment.taskDefinition() != null && deployment.taskDefinition().equals(task.taskDefinitionArn())) {
          return deployment.id();
        }
      }
      return currentDeployment(ref, service);
    }
    return "ecs:" + ref.key();
  }

  /** The PRIMARY deployment's id, or the service itself when ECS lists none. */
  private static String currentDeployment(EcsServiceRef ref, Service service) {
    for (Deployment deployment : service.deployments()) {
      if ("PRIMARY".equals(deployment.status()) && deployment.id() != null) {
        return deployment.id();
      }
    }
    return "ecs:" + ref.key();
  }

  static Kind kindOf(String message) {
    if (FAILED.matcher(message).find()) {
      return Kind.FAILED;
    }
    if (ROLLED_BACK.matcher(message).find()) {
      return Kind.ROLLED_BACK;
    }
    if (TASK_FAILED.matcher(message).find()) {
      return Kind.TASK_FAILED;
    }
    if (COMPLETED.matcher(message).find()) {
      return Kind.COMPLETED;
    }
    return Kind.PROGRESS;
  }

  /** {@code family:revision} of a task definition ARN, or the text as given. */
  static String revision(String taskDefinitionArn) {
    return taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
  }
}
