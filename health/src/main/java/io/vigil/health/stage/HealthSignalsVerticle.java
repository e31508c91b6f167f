package io.vigil.health.stage;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.config.DetectionConfig;
import io.vigil.config.HealthConfig;
import io.vigil.health.SeriesSignal;
import io.vigil.health.SignalTracker;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.PartitionedStage;
import io.vigil.kafka.TopicReader;
import io.vigil.model.ScoredPoint;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import io.vigil.model.WireBatch;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first health stage: reads {@code vigil.scores} (keyed by series) in its consumer group and
 * writes each series' {@link SeriesSignal}, when due, to {@code vigil.health-signals} keyed by
 * service, so that all the signals of one service meet on one partition of the next stage however
 * the series are spread. Per-series state is checkpointed to its compacted checkpoint topic.
 */
public final class HealthSignalsVerticle extends VerticleBase implements PartitionedStage.Logic<SignalTracker> {

  private static final Logger LOG = LoggerFactory.getLogger(HealthSignalsVerticle.class);
  static final String STAGE = "health-signals";

  private final KafkaEndpoint kafka;
  private final HealthConfig health;
  private final DetectionConfig detection;
  private PartitionedStage<SignalTracker> stage;

  public HealthSignalsVerticle(KafkaEndpoint kafka, HealthConfig health, DetectionConfig detection) {
    this.kafka = kafka;
    this.health = health;
    this.detection = detection;
  }

  @Override
  public Future<?> start() {
    stage = new PartitionedStage<>(vertx, kafka, new PartitionedStage.Topology(STAGE, Topics.SCORES, Topics.HEALTH_SIGNAL_CHECKPOINTS), this);
    return stage.start(health.checkpointIntervalSeconds() * 1000L);
  }

  @Override
  public Future<?> stop() {
    return stage.stop();
  }

  @Override
  public SignalTracker restore(int partition, TopicReader reader) {
    SignalTracker tracker = fresh(partition);
    List<JsonObject> readable = reader.latestByKey(Topics.HEALTH_SIGNAL_CHECKPOINTS, partition).values().stream().toList();
    try {
      tracker.restore(readable);
    } catch (RuntimeException e) {
      LOG.warn("health-signals: partition {} has an unreadable checkpoint and starts afresh: {}", partition, e.getMessage());
      return fresh(partition);
    }
    LOG.info("health-signals: partition {} restored {} series from checkpoints", partition, tracker.seriesCount());
    return tracker;
  }

  @Override
  public SignalTracker fresh(int partition) {
    return new SignalTracker(detection.anomalyThreshold(), detection.criticalThreshold(), health.serviceAliases(),
        SignalTracker.SaturationLevels.of(health.limits()));
  }

  @Override
  public void process(SignalTracker tracker, KafkaConsumerRecord<String, JsonObject> record, PartitionedStage.Output out) {
    List<JsonObject> entries;
    try {
      entries = WireBatch.scoredPoints(record.value());
    } catch (RuntimeException e) {
      LOG.warn("health-signals: skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    for (int i = 0; i < entries.size(); i++) {
      ScoredPoint point;
      try {
        point = Wire.scoredPoint(entries.get(i));
      } catch (RuntimeException e) {
        LOG.warn("health-signals: skipping unreadable scored point {} of {}-{}@{}: {}", i, record.topic(), record.partition(), record.offset(),
            e.getMessage());
        continue;
      }
      Optional<SeriesSignal> signal = tracker.accept(point);
      signal.ifPresent(due -> out.send(Topics.HEALTH_SIGNALS, due.service(), due.toJson()));
    }
  }

  @Override
  public List<PartitionedStage.Checkpoint> checkpoint(int partition, SignalTracker tracker) {
    return PartitionedStage.Checkpoint.of(tracker.changedSinceLastCheckpoint());
  }

  @Override
  public void unsaved(SignalTracker tracker, List<PartitionedStage.Checkpoint> checkpoints) {
    tracker.unsaved(PartitionedStage.Checkpoint.keys(checkpoints));
  }
}
