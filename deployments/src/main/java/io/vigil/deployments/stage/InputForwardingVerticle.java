package io.vigil.deployments.stage;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.PartitionedStage;
import io.vigil.kafka.TopicReader;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateless first stage: reads one topic (points keyed by series, deployment events keyed by
 * service, diagnostics keyed by service and signature) in its consumer group and writes what is
 * deployment evidence to {@code vigil.deployment-inputs} keyed by service, so that all of one
 * service's inputs meet on one partition of the deployments stage. Its checkpoints are only its
 * offsets.
 */
public final class InputForwardingVerticle extends VerticleBase implements PartitionedStage.Logic<Boolean> {

  private static final Logger LOG = LoggerFactory.getLogger(InputForwardingVerticle.class);

  private final KafkaEndpoint kafka;
  private final String stageName;
  private final String inputTopic;
  private final Function<JsonObject, Optional<DeploymentInput>> translate;
  private final int checkpointIntervalSeconds;
  private PartitionedStage<Boolean> stage;

  private InputForwardingVerticle(KafkaEndpoint kafka, String stageName, String inputTopic, Function<JsonObject, Optional<DeploymentInput>> translate,
      int checkpointIntervalSeconds) {
    this.kafka = kafka;
    this.stageName = stageName;
    this.inputTopic = inputTopic;
    this.translate = translate;
    this.checkpointIntervalSeconds = checkpointIntervalSeconds;
  }

  /** The values of judged metrics and the log patterns' counts, from {@code vigil.points}. */
  public static InputForwardingVerticle points(KafkaEndpoint kafka, DeploymentInputs inputs, int checkpointIntervalSeconds) {
    return new InputForwardingVerticle(kafka, "deployment-points", Topics.POINTS, json -> inputs.of(Wire.point(json)), checkpointIntervalSeconds);
  }

  /** Every deployment event, from {@code vigil.deployment-events}. */
  public static InputForwardingVerticle events(KafkaEndpoint kafka, int checkpointIntervalSeconds) {
    return new InputForwardingVerticle(kafka, "deployment-events", Topics.DEPLOYMENT_EVENTS,
        json -> Optional.of(DeploymentInputs.of(Wire.deploymentEvent(json))), checkpointIntervalSeconds);
  }

  /** Every diagnostics signature, from {@code vigil.diagnostics}. */
  public static InputForwardingVerticle diagnostics(KafkaEndpoint kafka, int checkpointIntervalSeconds) {
    return new InputForwardingVerticle(kafka, "deployment-diagnostics", Topics.DIAGNOSTICS, DeploymentInputs::ofDiagnostic, checkpointIntervalSeconds);
  }

  @Override
  public Future<?> start() {
    stage = new PartitionedStage<>(vertx, kafka, new PartitionedStage.Topology(stageName, inputTopic, Topics.DEPLOYMENT_CHECKPOINTS), this);
    return stage.start(checkpointIntervalSeconds * 1000L);
  }

  @Override
  public Future<?> stop() {
    return stage.stop();
  }

  @Override
  public Boolean restore(int partition, TopicReader reader) {
    return Boolean.TRUE;
  }

  @Override
  public Boolean fresh(int partition) {
    return Boolean.TRUE;
  }

  @Override
  public void process(Boolean state, KafkaConsumerRecord<String, JsonObject> record, PartitionedStage.Output out) {
    if (record.value() == null) {
      return;
    }
    Optional<DeploymentInput> input;
    try {
      input = translate.apply(record.value());
    } catch (RuntimeException e) {
      LOG.warn("{}: skipping an unreadable record at {}-{}@{}: {}", stageName, record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    input.ifPresent(found -> out.send(Topics.DEPLOYMENT_INPUTS, found.service(), found.toJson()));
  }

  @Override
  public List<PartitionedStage.Checkpoint> checkpoint(int partition, Boolean state) {
    return List.of();
  }

  @Override
  public void unsaved(Boolean state, List<PartitionedStage.Checkpoint> checkpoints) {
  }
}
