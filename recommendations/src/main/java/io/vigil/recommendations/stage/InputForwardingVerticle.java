package io.vigil.recommendations.stage;

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
 * A stateless first stage: reads one ingest topic (points keyed by series, log events by log group)
 * in its consumer group and writes the records that are recommender evidence to
 * {@code vigil.recommendation-inputs} keyed by service, so that all of one service's inputs meet on
 * one partition of the recommender. It keeps no state, so its checkpoints are only its offsets.
 */
public final class InputForwardingVerticle extends VerticleBase implements PartitionedStage.Logic<Boolean> {

  private static final Logger LOG = LoggerFactory.getLogger(InputForwardingVerticle.class);

  private final KafkaEndpoint kafka;
  private final String stageName;
  private final String inputTopic;
  private final Function<JsonObject, Optional<UsageInput>> translate;
  private final int checkpointIntervalSeconds;
  private PartitionedStage<Boolean> stage;

  private InputForwardingVerticle(KafkaEndpoint kafka, String stageName, String inputTopic, Function<JsonObject, Optional<UsageInput>> translate,
      int checkpointIntervalSeconds) {
    this.kafka = kafka;
    this.stageName = stageName;
    this.inputTopic = inputTopic;
    this.translate = translate;
    this.checkpointIntervalSeconds = checkpointIntervalSeconds;
  }

  /** ECS utilisation points from {@code vigil.points}. */
  public static InputForwardingVerticle points(KafkaEndpoint kafka, int checkpointIntervalSeconds) {
    return new InputForwardingVerticle(kafka, "recommendation-points", Topics.POINTS, json -> UsageInputs.of(Wire.point(json)), checkpointIntervalSeconds);
  }

  /** Kills for memory from {@code vigil.log-events}. */
  public static InputForwardingVerticle kills(KafkaEndpoint kafka, int checkpointIntervalSeconds) {
    return new InputForwardingVerticle(kafka, "recommendation-kills", Topics.LOG_EVENTS, json -> UsageInputs.of(Wire.logEvent(json)),
        checkpointIntervalSeconds);
  }

  @Override
  public Future<?> start() {
    stage = new PartitionedStage<>(vertx, kafka, new PartitionedStage.Topology(stageName, inputTopic, Topics.RECOMMENDATION_CHECKPOINTS), this);
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
    Optional<UsageInput> input;
    try {
      input = translate.apply(record.value());
    } catch (RuntimeException e) {
      LOG.warn("{}: skipping an unreadable record at {}-{}@{}: {}", stageName, record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    input.ifPresent(found -> out.send(Topics.RECOMMENDATION_INPUTS, found.service(), found.toJson()));
  }

  @Override
  public List<PartitionedStage.Checkpoint> checkpoint(int partition, Boolean state) {
    return List.of();
  }

  @Override
  public void unsaved(Boolean state, List<PartitionedStage.Checkpoint> checkpoints) {
  }
}
