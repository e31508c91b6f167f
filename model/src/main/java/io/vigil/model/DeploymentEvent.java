package io.vigil.model;

import java.util.Locale;

/**
 * One thing that happened to a deployment of a service, from whichever source saw it: a CI
 * system's announcement, an ECS service's deployments and events, a CloudFormation stack event, or
 * the demo.
 *
 * @param eventId stable id of the event, so a re-read de-duplicates (the source's own id where it
 *     has one: the ECS event id, the CloudFormation event id)
 * @param deploymentId the deployment this event belongs to (the ECS deployment id, the stack id and
 *     client request token, or the announced id); every event of one rollout shares it
 * @param source where it came from: {@code api}, {@code ecs}, {@code cloudformation}, {@code demo}
 * @param version what is being rolled out (an image tag, a task definition revision), may be empty
 * @param commit the source commit, may be empty
 * @param by who or what started it, may be empty
 * @param resource the resource the event is about (a task definition ARN, a stack's logical
 *     resource id), may be empty
 * @param status the source's own status text ({@code PRIMARY}, {@code UPDATE_FAILED}), may be empty
 * @param reason the source's explanation (an ECS event message, a stack event's status reason), may
 *     be empty
 */
public record DeploymentEvent(
    String eventId,
    String deploymentId,
    String service,
    Kind kind,
    long timestampMillis,
    String source,
    String version,
    String commit,
    String by,
    String resource,
    String status,
    String reason) {

  /** Where a deployment is, as far as this one event says. */
  public enum Kind {
    /** The rollout began. */
    STARTED,
    /** Something moved without deciding anything: a resource in progress, a task started. */
    PROGRESS,
    /** A task of the new version failed to start or to pass its health check. */
    TASK_FAILED,
    /** The new version reached a steady state: every desired task runs and is healthy. */
    COMPLETED,
    /** The rollout failed (a stack update failed, the circuit breaker tripped). */
    FAILED,
    /** The rollout was rolled back to the previous version. */
    ROLLED_BACK;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Kind fromWire(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  public DeploymentEvent {
    requireText(eventId, "eventId");
    requireText(deploymentId, "deploymentId");
    requireText(service, "service");
    if (kind == null) {
      throw new IllegalArgumentException("kind must not be null");
    }
    requireText(source, "source");
    version = orEmpty(version);
    commit = orEmpty(commit);
    by = orEmpty(by);
    resource = orEmpty(resource);
    status = orEmpty(status);
    reason = orEmpty(reason);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
