package io.vigil.deployments.stage;

import io.vertx.core.json.JsonObject;
import io.vigil.kafka.ForwardingStage;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import io.vigil.model.WireBatch;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The deployments stage's first stages: stateless {@link ForwardingStage}s that read one topic
 * (points keyed by series, deployment events keyed by service, diagnostics keyed by service and
 * signature) and write what is deployment evidence to {@code vigil.deployment-inputs} keyed by
 * service, so that all of one service's inputs meet on one partition of the deployments stage.
 */
public final class InputForwarders {

  private InputForwarders() {}

  /** The values of judged metrics and the log patterns' counts, from {@code vigil.points}. */
  public static ForwardingStage points(KafkaEndpoint kafka, DeploymentInputs inputs, int checkpointIntervalSeconds) {
    return forwarding(kafka, "deployment-points", Topics.POINTS, WireBatch::points, json -> inputs.of(Wire.point(json)), checkpointIntervalSeconds);
  }

  /** Every deployment event, from {@code vigil.deployment-events}. */
  public static ForwardingStage events(KafkaEndpoint kafka, int checkpointIntervalSeconds) {
    return forwarding(kafka, "deployment-events", Topics.DEPLOYMENT_EVENTS,
        json -> Optional.of(DeploymentInputs.of(Wire.deploymentEvent(json))), checkpointIntervalSeconds);
  }

  /** Every diagnostics signature, from {@code vigil.diagnostics}. */
  public static ForwardingStage diagnostics(KafkaEndpoint kafka, int checkpointIntervalSeconds) {
    return forwarding(kafka, "deployment-diagnostics", Topics.DIAGNOSTICS, DeploymentInputs::ofDiagnostic, checkpointIntervalSeconds);
  }

  private static ForwardingStage forwarding(KafkaEndpoint kafka, String stageName, String inputTopic,
      Function<JsonObject, Optional<DeploymentInput>> translate, int checkpointIntervalSeconds) {
    return forwarding(kafka, stageName, inputTopic, List::of, translate, checkpointIntervalSeconds);
  }

  /** As above, for input records that carry several values each ({@link WireBatch}). */
  private static ForwardingStage forwarding(KafkaEndpoint kafka, String stageName, String inputTopic,
      Function<JsonObject, List<JsonObject>> entries, Function<JsonObject, Optional<DeploymentInput>> translate, int checkpointIntervalSeconds) {
    return new ForwardingStage(kafka, new ForwardingStage.Route(stageName, inputTopic, Topics.DEPLOYMENT_CHECKPOINTS, Topics.DEPLOYMENT_INPUTS), entries,
        json -> translate.apply(json).map(input -> new ForwardingStage.Forward(input.service(), input.toJson())), checkpointIntervalSeconds);
  }
}
