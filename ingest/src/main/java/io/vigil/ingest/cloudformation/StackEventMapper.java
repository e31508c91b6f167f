package io.vigil.ingest.cloudformation;

import io.vigil.model.DeploymentEvent;
import io.vigil.model.DeploymentEvent.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * CloudFormation stack events, oldest first, as {@link DeploymentEvent}s of one service. The
 * stack's own {@code *_IN_PROGRESS} (create, update, delete, import) starts an operation, whose id
 * (the stack id and the client request token, else the id of that starting event) every event until
 * the next start shares as its deployment id. Stack-level {@code *_COMPLETE} completes it,
 * {@code ROLLBACK_COMPLETE} and {@code UPDATE_ROLLBACK_COMPLETE} roll it back, {@code *_FAILED}
 * (stack or resource) fails it, with the status reason and the resource's logical id; the rest are
 * progress.
 */
public final class StackEventMapper {

  public static final String SOURCE = "cloudformation";

  private static final Set<String> STARTS = Set.of("CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS", "DELETE_IN_PROGRESS", "IMPORT_IN_PROGRESS");
  private static final Set<String> COMPLETES = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "DELETE_COMPLETE", "IMPORT_COMPLETE");
  private static final Set<String> ROLLBACKS = Set.of("ROLLBACK_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_ROLLBACK_COMPLETE");

  /** The events, and the operation the last of them belongs to (carried in the stack's cursor). */
  public record Mapped(List<DeploymentEvent> events, String operationId) {}

  private StackEventMapper() {}

  /**
   * @param oldestFirst the stack's new events, oldest first
   * @param operationId the operation the events before these belonged to, or empty
   */
  public static Mapped map(String service, List<StackEvent> oldestFirst, String operationId) {
    List<DeploymentEvent> out = new ArrayList<>();
    String operation = operationId;
    for (StackEvent event : oldestFirst) {
      if (event.eventId() == null || event.timestamp() == null) {
        continue;
      }
      String status = event.resourceStatusAsString() == null ? "" : event.resourceStatusAsString();
      boolean stackLevel = isStackLevel(event);
      if (stackLevel && STARTS.contains(status)) {
        String token = event.clientRequestToken();
        operation = event.stackId() + ":" + (token == null || token.isEmpty() ? event.eventId() : token);
      } else if (operation.isEmpty()) {
        operation = event.stackId() + ":" + (event.clientRequestToken() == null || event.clientRequestToken().isEmpty()
            ? "unknown" : event.clientRequestToken());
      }
      out.add(new DeploymentEvent(event.eventId(), operation, service, kindOf(status, stackLevel), event.timestamp().toEpochMilli(), SOURCE,
          "", "", "", event.logicalResourceId(), status, event.resourceStatusReason()));
    }
    return new Mapped(out, operation);
  }

  static Kind kindOf(String status, boolean stackLevel) {
    if (status.endsWith("_FAILED")) {
      return Kind.FAILED;
    }
    if (!stackLevel) {
      return Kind.PROGRESS;
    }
    if (STARTS.contains(status)) {
      return Kind.STARTED;
    }
    if (COMPLETES.contains(status)) {
      return Kind.COMPLETED;
    }
    if (ROLLBACKS.contains(status)) {
      return Kind.ROLLED_BACK;
    }
    return Kind.PROGRESS;
  }

  private static boolean isStackLevel(StackEvent event) {
    return "AWS::CloudFormation::Stack".equals(event.resourceType())
        && (event.logicalResourceId() != null && event.logicalResourceId().equals(event.stackName())
            || event.physicalResourceId() != null && event.physicalResourceId().equals(event.stackId()));
  }
}
