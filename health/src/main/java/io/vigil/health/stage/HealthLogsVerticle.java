package io.vigil.health.stage;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.config.HealthConfig;
import io.vigil.config.LogGroupServices;
import io.vigil.health.SeriesSignal;
import io.vigil.health.logs.LogServices;
import io.vigil.health.logs.LogSignalTracker;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.PartitionedStage;
import io.vigil.kafka.TopicReader;
import io.vigil.model.LogEvent;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log side of health: reads {@code vigil.log-events} (keyed by log group) in its consumer
 * group and writes the signals a {@link LogSignalTracker} finds (kills for memory, deployments,
 * refused connections, error lines per minute) to {@code vigil.health-signals} keyed by service,
 * beside the metric signals. Per-group counting state is checkpointed to its own compacted topic.
 */
public final class HealthLogsVerticle extends VerticleBase implements PartitionedStage.Logic<LogSignalTracker> {

  private static final Logger LOG = LoggerFactory.getLogger(HealthLogsVerticle.class);
  static final String STAGE = "health-logs";

  private final KafkaEndpoint kafka;
  private final HealthConfig health;
  private final LogGroupServices logGroups;
  private PartitionedStage<LogSignalTracker> stage;

  public HealthLogsVerticle(KafkaEndpoint kafka, HealthConfig health, LogGroupServices logGroups) {
    this.kafka = kafka;
    this.health = health;
    this.logGroups = logGroups;
  }

  @Override
  public Future<?> start() {
    stage = new PartitionedStage<>(vertx, kafka, new PartitionedStage.Topology(STAGE, Topics.LOG_EVENTS, Topics.HEALTH_LOG_CHECKPOINTS), this);
    return stage.start(health.checkpointIntervalSeconds() * 1000L);
  }

  @Override
  public Future<?> stop() {
    return stage.stop();
  }

  @Override
  public LogSignalTracker restore(int partition, TopicReader reader) {
    LogSignalTracker tracker = fresh(partition);
    List<JsonObject> checkpoints = reader.latestByKey(Topics.HEALTH_LOG_CHECKPOINTS, partition).values().stream().toList();
    try {
      tracker.restore(checkpoints);
    } catch (RuntimeException e) {
      LOG.warn("health-logs: partition {} has an unreadable checkpoint and starts afresh: {}", partition, e.getMessage());
      return fresh(partition);
    }
    LOG.info("health-logs: partition {} restored {} log groups from checkpoints", partition, tracker.groupCount());
    return tracker;
  }

  @Override
  public LogSignalTracker fresh(int partition) {
    return new LogSignalTracker(health.logErrors(), new LogServices(logGroups));
  }

  @Override
  public void process(LogSignalTracker tracker, KafkaConsumerRecord<String, JsonObject> record, PartitionedStage.Output out) {
    LogEvent event;
    try {
      event = Wire.logEvent(record.value());
    } catch (RuntimeException e) {
      LOG.warn("health-logs: skipping an unreadable log event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    for (SeriesSignal signal : tracker.accept(event)) {
      out.send(Topics.HEALTH_SIGNALS, signal.service(), signal.toJson());
    }
  }

  @Override
  public List<PartitionedStage.Checkpoint> checkpoint(int partition, LogSignalTracker tracker) {
    return PartitionedStage.Checkpoint.of(tracker.changedSinceLastCheckpoint());
  }

  @Override
  public void unsaved(LogSignalTracker tracker, List<PartitionedStage.Checkpoint> checkpoints) {
    tracker.unsaved(PartitionedStage.Checkpoint.keys(checkpoints));
  }
}
