package io.vigil.recommendations.ecs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The new revision of a task definition with another task size: everything the current revision
 * registers, copied, with the task's {@code cpu} and {@code memory} changed. A container whose hard
 * memory limit equals the old task memory (it was sized to the whole task) gets the new one, and a
 * container limit or reservation above the new task memory is lowered to it, since either would
 * otherwise keep the old ceiling or fail registration. {@link #diff()} lists every changed field.
 */
public final class TaskDefinitionChange {

  /** One changed field: its path in the task definition, the value before and after. */
  public record FieldChange(String path, Object from, Object to) {
    JsonObject toJson() {
      return new JsonObject().put("path", path).put("from", from).put("to", to);
    }
  }

  private final TaskDefinition current;
  private final RegisterTaskDefinitionRequest request;
  private final List<FieldChange> diff;

  private TaskDefinitionChange(TaskDefinition current, RegisterTaskDefinitionRequest request, List<FieldChange> diff) {
    this.current = current;
    this.request = request;
    this.diff = List.copyOf(diff);
  }

  public static TaskDefinitionChange resize(TaskDefinition current, int cpu, int memoryMiB) {
    List<FieldChange> diff = new ArrayList<>();
    int oldMemory = current.memory() == null ? -1 : parseOr(current.memory(), -1);
    if (!String.valueOf(cpu).equals(current.cpu())) {
      diff.add(new FieldChange("cpu", current.cpu(), String.valueOf(cpu)));
    }
    if (!String.valueOf(memoryMiB).equals(current.memory())) {
      diff.add(new FieldChange("memory", current.memory(), String.valueOf(memoryMiB)));
    }
    List<ContainerDefinition> containers = new ArrayList<>();
    for (int i = 0; i < current.containerDefinitions().size(); i++) {
      ContainerDefinition container = current.containerDefinitions().get(i);
      ContainerDefinition.Builder changed = container.toBuilder();
      Integer limit = container.memory();
      if (limit != null && (limit == oldMemory || limit > memoryMiB) && limit != memoryMiB) {
        changed.memory(memoryMiB);
        diff.add(new FieldChange("containerDefinitions[" + i + "].memory", limit, memoryMiB));
      }
      Integer reservation = container.memoryReservation();
      if (reservation != null && reservation > memoryMiB) {
        changed.memoryReservation(memoryMiB);
        diff.add(new FieldChange("containerDefinitions[" + i + "].memoryReservation", reservation, memoryMiB));
      }
      containers.add(changed.build());
    }
    RegisterTaskDefinitionRequest request = RegisterTaskDefinitionRequest.builder()
        .family(current.family())
        .taskRoleArn(current.taskRoleArn())
        .executionRoleArn(current.executionRoleArn())
        .networkMode(current.networkMode())
        .containerDefinitions(containers)
        .volumes(current.volumes())
        .placementConstraints(current.placementConstraints())
        .requiresCompatibilitiesWithStrings(current.requiresCompatibilitiesAsStrings())
        .cpu(String.valueOf(cpu))
        .memory(String.valueOf(memoryMiB))
        .pidMode(current.pidMode())
        .ipcMode(current.ipcMode())
        .proxyConfiguration(current.proxyConfiguration())
        .ephemeralStorage(current.ephemeralStorage())
        .runtimePlatform(current.runtimePlatform())
        .build();
    return new TaskDefinitionChange(current, request, diff);
  }

  public RegisterTaskDefinitionRequest request() {
    return request;
  }

  public List<FieldChange> diff() {
    return diff;
  }

  public String currentArn() {
    return current.taskDefinitionArn();
  }

  /** The new revision as it would be registered: its family, size and containers. */
  public JsonObject newDefinitionJson() {
    JsonArray containers = new JsonArray();
    request.containerDefinitions().forEach(container -> containers.add(new JsonObject()
        .put("name", container.name()).put("image", container.image()).put("cpu", container.cpu())
        .put("memory", container.memory()).put("memoryReservation", container.memoryReservation()).put("essential", container.essential())));
    return new JsonObject()
        .put("family", request.family())
        .put("cpu", request.cpu())
        .put("memory", request.memory())
        .put("networkMode", request.networkModeAsString())
        .put("requiresCompatibilities", new JsonArray(new ArrayList<Object>(request.requiresCompatibilitiesAsStrings())))
        .put("executionRoleArn", request.executionRoleArn())
        .put("taskRoleArn", request.taskRoleArn())
        .put("containerDefinitions", containers);
  }

  public JsonArray diffJson() {
    JsonArray array = new JsonArray();
    diff.forEach(change -> array.add(change.toJson()));
    return array;
  }

  private static int parseOr(String text, int otherwise) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
