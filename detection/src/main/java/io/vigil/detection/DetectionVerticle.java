package io.vigil.detection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.config.DetectionConfig;
import io.vigil.detectors.DetectorType;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.PartitionedStage;
import io.vigil.kafka.TopicReader;
import io.vigil.model.MetricPoint;
import io.vigil.model.ScoredPoint;
import io.vigil.model.ServiceResolver;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import io.vigil.model.WireBatch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detection stage: consumes metric points in the detection consumer group on the
 * {@link PartitionedStage} scaffold, scores each with its partition's {@link PartitionScorer}, and
 * writes the scored points (a batch record per input record, to the same partition of the scores
 * topic) and, above the threshold, an anomaly; points that arrive after later ones
 * of their series were scored are written marked late, unscored. Detector state is checkpointed to
 * the compacted checkpoint topic with the input offset it reflects, so a restart replays exactly
 * what the checkpoints miss; outputs written again carry the same ids.
 */
public final class DetectionVerticle extends VerticleBase implements PartitionedStage.Logic<PartitionScorer> {

  private static final Logger LOG = LoggerFactory.getLogger(DetectionVerticle.class);
  static final String STAGE = "detection";

  private final KafkaEndpoint kafka;
  private final DetectionConfig config;
  private final DetectorType detectorType;
  private final ServiceResolver services;
  private final Counter scoredPoints;
  private final Counter anomalies;
  private final Counter skippedRecords;
  private final Counter latePoints;
  private final Timer acceptedToScored;
  private final Clock clock;
  private PartitionedStage<PartitionScorer> stage;

  public DetectionVerticle(KafkaEndpoint kafka, DetectionConfig config, DetectorType detectorType,
      ServiceResolver services, MeterRegistry registry, Clock clock) {
    this.kafka = kafka;
    this.config = config;
    this.detectorType = detectorType;
    this.services = services;
    this.clock = clock;
    this.scoredPoints = Counter.builder("vigil.detection.points.scored").register(registry);
    this.anomalies = Counter.builder("vigil.detection.anomalies").register(registry);
    this.skippedRecords = Counter.builder("vigil.detection.records.skipped").description("Unreadable or repeated points").register(registry);
    this.acceptedToScored = Timer.builder("vigil.detection.accepted.to.scored")
        .description("From a point's write to Kafka (its record time) to its scoring").publishPercentileHistogram().register(registry);
    this.latePoints = Counter.builder("vigil.detection.points.late")
        .description("Points kept but not scored: they arrived after later points of their series were scored").register(registry);
  }

  @Override
  public Future<?> start() {
    stage = new PartitionedStage<>(vertx, kafka, new PartitionedStage.Topology(STAGE, Topics.POINTS, Topics.DETECTOR_CHECKPOINTS), this);
    return stage.start(config.checkpointIntervalSeconds() * 1000L);
  }

  @Override
  public Future<?> stop() {
    return stage.stop();
  }

  @Override
  public PartitionScorer restore(int partition, TopicReader reader) {
    PartitionScorer scorer = fresh(partition);
    List<SeriesCheckpoint> checkpoints = new ArrayList<>();
    for (Map.Entry<String, JsonObject> entry : reader.latestByKey(Topics.DETECTOR_CHECKPOINTS, partition).entrySet()) {
      try {
        checkpoints.add(SeriesCheckpoint.fromJson(entry.getValue()));
      } catch (RuntimeException e) {
        LOG.warn("detection: skipping an unreadable checkpoint of {}: {}", entry.getKey(), e.getMessage());
      }
    }
    List<String> failed = scorer.restore(checkpoints);
    if (!failed.isEmpty()) {
      LOG.warn("detection: {} series of partition {} could not be restored and start afresh, e.g. {}", failed.size(), partition, failed.get(0));
    }
    LOG.info("detection: partition {} restored {} series from checkpoints", partition, scorer.seriesCount());
    return scorer;
  }

  @Override
  public PartitionScorer fresh(int partition) {
    return new PartitionScorer(partition, detectorType, services, config.anomalyThreshold(), config.criticalThreshold(),
        config.maxLatenessSeconds() * 1000L, clock);
  }

  /**
   * One record of points (a batch, or a single point as older writers wrote them): each readable
   * point is accepted in order, and everything they release goes out as one batch of scores.
   */
  @Override
  public void process(PartitionScorer scorer, KafkaConsumerRecord<String, JsonObject> record, PartitionedStage.Output out) {
    List<JsonObject> entries;
    try {
      entries = WireBatch.points(record.value());
    } catch (RuntimeException e) {
      skippedRecords.increment();
      LOG.warn("detection: skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    List<PartitionScorer.Outcome> released = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      MetricPoint point;
      try {
        point = Wire.point(entries.get(i));
      } catch (RuntimeException e) {
        skippedRecords.increment();
        LOG.warn("detection: skipping unreadable point {} of {}-{}@{}: {}", i, record.topic(), record.partition(), record.offset(), e.getMessage());
        continue;
      }
      PartitionScorer.Accepted accepted = scorer.accept(point);
      if (accepted.repeat()) {
        skippedRecords.increment();
      }
      released.addAll(accepted.released());
    }
    if (!released.isEmpty()) {
      acceptedToScored.record(Math.max(0, clock.millis() - record.timestamp()), TimeUnit.MILLISECONDS);
    }
    emit(scorer.partition(), released, out);
  }

  @Override
  public void tick(PartitionScorer scorer, PartitionedStage.Output out) {
    emit(scorer.partition(), scorer.releaseDue(), out);
  }

  /**
   * The scores as batch records to the input's partition of the scores topic (one record each,
   * keyed by series, with {@code kafka.batchRecords} off); anomalies one by one.
   */
  private void emit(int partition, List<PartitionScorer.Outcome> outcomes, PartitionedStage.Output out) {
    if (outcomes.isEmpty()) {
      return;
    }
    List<ScoredPoint> scores = new ArrayList<>(outcomes.size());
    for (PartitionScorer.Outcome outcome : outcomes) {
      scores.add(outcome.scored());
      if (outcome.scored().late()) {
        latePoints.increment();
      } else {
        scoredPoints.increment();
      }
    }
    if (kafka.batchRecords()) {
      for (List<ScoredPoint> chunk : WireBatch.chunks(scores)) {
        out.send(Topics.SCORES, partition, chunk.get(0).seriesId(), WireBatch.ofScoredPoints(chunk));
      }
    } else {
      scores.forEach(score -> out.send(Topics.SCORES, score.seriesId(), Wire.scoredPoint(score)));
    }
    for (PartitionScorer.Outcome outcome : outcomes) {
      outcome.anomaly().ifPresent(anomaly -> {
        anomalies.increment();
        out.send(Topics.ANOMALIES, outcome.scored().seriesId(), Wire.anomaly(anomaly));
      });
    }
  }

  @Override
  public List<PartitionedStage.Checkpoint> checkpoint(int partition, PartitionScorer scorer) {
    return scorer.changedSinceLastCheckpoint().stream()
        .map(checkpoint -> new PartitionedStage.Checkpoint(checkpoint.seriesId(), checkpoint.toJson()))
        .toList();
  }

  @Override
  public void unsaved(PartitionScorer scorer, List<PartitionedStage.Checkpoint> checkpoints) {
    scorer.unsaved(checkpoints.stream().map(PartitionedStage.Checkpoint::key).toList());
  }
}
