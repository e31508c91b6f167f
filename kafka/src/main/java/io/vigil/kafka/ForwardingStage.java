package io.vigil.kafka;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateless stage that re-keys: it reads one topic in its consumer group, turns each record that
 * matters into a record of another key (a service, where the input is keyed by series or log
 * group) and writes it to the output topic, so that everything one key needs meets on one
 * partition of the stage after it. It keeps no state, so its checkpoints are only its offsets; an
 * unreadable record is logged and skipped. A record may carry several values (a batch): the stage
 * is then given how to split it, and translates and forwards each value on its own.
 */
public final class ForwardingStage extends VerticleBase implements PartitionedStage.Logic<Boolean> {

  private static final Logger LOG = LoggerFactory.getLogger(ForwardingStage.class);

  /** Where a forwarding stage reads, commits and writes, and the consumer group's name. */
  public record Route(String stageName, String inputTopic, String checkpointTopic, String outputTopic) {}

  /** One record to write: its new key and value. */
  public record Forward(String key, JsonObject value) {}

  private final KafkaEndpoint kafka;
  private final Route route;
  private final Function<JsonObject, List<JsonObject>> entries;
  private final Function<JsonObject, Optional<Forward>> translate;
  private final int checkpointIntervalSeconds;
  private PartitionedStage<Boolean> stage;

  /**
   * A stage whose input records carry the values {@code entries} gives ({@code List::of} where a
   * record is one value), translated one by one.
   */
  public ForwardingStage(KafkaEndpoint kafka, Route route, Function<JsonObject, List<JsonObject>> entries,
      Function<JsonObject, Optional<Forward>> translate, int checkpointIntervalSeconds) {
    this.kafka = kafka;
    this.route = route;
    this.entries = entries;
    this.translate = translate;
    this.checkpointIntervalSeconds = checkpointIntervalSeconds;
  }

  @Override
  public Future<?> start() {
    stage = new PartitionedStage<>(vertx, kafka, new PartitionedStage.Topology(route.stageName(), route.inputTopic(), route.checkpointTopic()), this);
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
    List<JsonObject> values;
    try {
      values = entries.apply(record.value());
    } catch (RuntimeException e) {
      LOG.warn("{}: skipping an unreadable record at {}-{}@{}: {}", route.stageName(), record.topic(), record.partition(), record.offset(),
          e.getMessage());
      return;
    }
    for (JsonObject value : values) {
      Optional<Forward> forward;
      try {
        forward = translate.apply(value);
      } catch (RuntimeException e) {
        LOG.warn("{}: skipping an unreadable value in {}-{}@{}: {}", route.stageName(), record.topic(), record.partition(), record.offset(),
            e.getMessage());
        continue;
      }
      forward.ifPresent(found -> out.send(route.outputTopic(), found.key(), found.value()));
    }
  }

  @Override
  public List<PartitionedStage.Checkpoint> checkpoint(int partition, Boolean state) {
    return List.of();
  }

  @Override
  public void unsaved(Boolean state, List<PartitionedStage.Checkpoint> checkpoints) {
  }
}
