package io.vigil.engine.detection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vigil.config.DetectionConfig;
import io.vigil.detectors.DetectionResult;
import io.vigil.detectors.Detector;
import io.vigil.detectors.DetectorType;
import io.vigil.kafka.KafkaClientMeters;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.TopicReader;
import io.vigil.model.Anomaly;
import io.vigil.model.MetricPoint;
import io.vigil.model.ScoredPoint;
import io.vigil.model.ServiceResolver;
import io.vigil.model.Severity;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detection stage: consumes metric points in the detection consumer group, scores every point
 * with its series' detector, and writes the scored point and, above the threshold, an anomaly.
 *
 * <p>State is per partition. Every checkpoint interval, once Kafka has acknowledged everything
 * written so far, the detectors of the series that changed are written to the compacted checkpoint
 * topic (to the same partition number as their input) and then the input offset is committed. So the
 * committed offset never runs ahead of the saved state: after a crash the partition's checkpoints are
 * loaded and the input replayed from the committed offset. Outputs written after the last checkpoint
 * are written again with the same ids, and the read side de-duplicates them. A point no newer than
 * the last one scored for its series (a retry, a replay) is not scored again.
 */
public final class DetectionVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DetectionVerticle.class);
  static final String STAGE = "detection";

  private final KafkaEndpoint kafka;
  private final DetectionConfig config;
  private final DetectorType detectorType;
  private final ServiceResolver services;
  private final Map<Integer, PartitionState> partitions = new HashMap<>();
  private final Counter scoredPoints;
  private final Counter anomalies;
  private final Counter skippedRecords;

  private KafkaConsumer<String, JsonObject> consumer;
  private final List<KafkaClientMeters.Binding> meters = new ArrayList<>();
  private KafkaProducer<String, JsonObject> producer;
  private TopicReader checkpointReader;
  private long timerId = -1;
  private boolean checkpointing;

  /** Detector state of one input partition; touched only on this verticle's event loop. */
  private static final class PartitionState {
    final Map<String, SeriesState> series = new HashMap<>();
    final Set<String> dirty = new HashSet<>();
    final Queue<KafkaConsumerRecord<String, JsonObject>> waiting = new ArrayDeque<>();
    boolean loaded;
    long nextOffset = -1;
  }

  private static final class SeriesState {
    final Detector detector;
    long lastTimestampMillis;

    SeriesState(Detector detector, long lastTimestampMillis) {
      this.detector = detector;
      this.lastTimestampMillis = lastTimestampMillis;
    }
  }

  public DetectionVerticle(KafkaEndpoint kafka, DetectionConfig config, DetectorType detectorType,
      ServiceResolver services, MeterRegistry registry) {
    this.kafka = kafka;
    this.config = config;
    this.detectorType = detectorType;
    this.services = services;
    this.scoredPoints = Counter.builder("vigil.detection.points.scored").register(registry);
    this.anomalies = Counter.builder("vigil.detection.anomalies").register(registry);
    this.skippedRecords = Counter.builder("vigil.detection.records.skipped").description("Unreadable, late or repeated points").register(registry);
  }

  @Override
  public Future<?> start() {
    checkpointReader = kafka.reader();
    producer = KafkaProducer.create(vertx, kafka.producerProperties(), String.class, JsonObject.class);
    consumer = KafkaConsumer.create(vertx, kafka.consumerProperties(kafka.group(STAGE)), String.class, JsonObject.class);
    meters.add(kafka.meters().bind(producer, STAGE));
    meters.add(kafka.meters().bind(consumer, STAGE));
    consumer.partitionsAssignedHandler(this::onAssigned);
    consumer.partitionsRevokedHandler(this::onRevoked);
    consumer.exceptionHandler(failure -> LOG.warn("detection consumer: {}", failure.getMessage()));
    consumer.handler(this::onRecord);
    timerId = vertx.setPeriodic(config.checkpointIntervalSeconds() * 1000L, id -> checkpoint());
    return consumer.subscribe(Topics.POINTS);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timerId);
    return checkpointAll()
        .eventually(() -> consumer.close())
        .eventually(() -> producer.close())
        .andThen(closed -> meters.forEach(KafkaClientMeters.Binding::close));
  }

  private void onAssigned(Set<TopicPartition> assigned) {
    for (TopicPartition topicPartition : assigned) {
      int partition = topicPartition.getPartition();
      PartitionState state = new PartitionState();
      partitions.put(partition, state);
      vertx.executeBlocking(() -> checkpointReader.latestByKey(Topics.DETECTOR_CHECKPOINTS, partition)).onComplete(result -> {
        if (partitions.get(partition) != state) {
          return; // revoked while loading
        }
        if (result.succeeded()) {
          restore(state, result.result());
          LOG.info("detection: partition {} restored {} series from checkpoints", partition, state.series.size());
        } else {
          LOG.error("detection: cannot read checkpoints of partition {}; its series start afresh", partition, result.cause());
        }
        state.loaded = true;
        while (!state.waiting.isEmpty()) {
          process(state, state.waiting.poll());
        }
      });
    }
  }

  private void restore(PartitionState state, Map<String, JsonObject> checkpoints) {
    for (Map.Entry<String, JsonObject> entry : checkpoints.entrySet()) {
      SeriesCheckpoint checkpoint;
      try {
        checkpoint = SeriesCheckpoint.fromJson(entry.getValue());
      } catch (RuntimeException e) {
        LOG.warn("detection: skipping an unreadable checkpoint of {}: {}", entry.getKey(), e.getMessage());
        continue;
      }
      if (!checkpoint.detectorType().equals(detectorType.name())) {
        continue; // the configured detector changed: the series starts afresh with the new one
      }
      try {
        state.series.put(checkpoint.seriesId(), new SeriesState(detectorType.restore(checkpoint.state()), checkpoint.lastTimestampMillis()));
      } catch (RuntimeException e) {
        LOG.warn("detection: cannot restore series {}; it starts afresh: {}", checkpoint.seriesId(), e.getMessage());
      }
    }
  }

  private void onRevoked(Set<TopicPartition> revoked) {
    // Save what we can for the next owner; a failure here only means more replay for it.
    List<Integer> numbers = revoked.stream().map(TopicPartition::getPartition).toList();
    checkpoint(numbers).onComplete(done -> numbers.forEach(partitions::remove));
  }

  private void onRecord(KafkaConsumerRecord<String, JsonObject> record) {
    PartitionState state = partitions.get(record.partition());
    if (state == null) {
      return; // not ours any more
    }
    if (!state.loaded) {
      state.waiting.add(record);
      return;
    }
    process(state, record);
  }

  private void process(PartitionState state, KafkaConsumerRecord<String, JsonObject> record) {
    state.nextOffset = record.offset() + 1;
    MetricPoint point;
    try {
      point = Wire.point(record.value());
    } catch (RuntimeException e) {
      skippedRecords.increment();
      LOG.warn("detection: skipping an unreadable point at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    String seriesId = point.series().id();
    SeriesState series = state.series.get(seriesId);
    if (series == null) {
      series = new SeriesState(detectorType.create(), Long.MIN_VALUE);
      state.series.put(seriesId, series);
    } else if (point.timestampMillis() <= series.lastTimestampMillis) {
      skippedRecords.increment();
      return;
    }
    DetectionResult result = series.detector.update(point.timestampMillis(), point.value());
    series.lastTimestampMillis = point.timestampMillis();
    state.dirty.add(seriesId);
    scoredPoints.increment();

    String service = services.serviceOf(point.series());
    ScoredPoint scored = new ScoredPoint(point.series(), service, point.timestampMillis(), point.value(),
        result.score(), result.lower(), result.upper(), result.component());
    producer.send(KafkaProducerRecord.create(Topics.SCORES, seriesId, Wire.scoredPoint(scored)));
    if (result.score() >= config.anomalyThreshold()) {
      anomalies.increment();
      Severity severity = result.score() >= config.criticalThreshold() ? Severity.CRITICAL : Severity.WARNING;
      Anomaly anomaly = Anomaly.of(scored, severity);
      producer.send(KafkaProducerRecord.create(Topics.ANOMALIES, seriesId, Wire.anomaly(anomaly)));
    }
  }

  private void checkpoint() {
    if (checkpointing) {
      return;
    }
    checkpointing = true;
    checkpointAll().onComplete(done -> {
      checkpointing = false;
      if (done.failed()) {
        LOG.warn("detection: checkpoint failed, will retry: {}", done.cause().getMessage());
      }
    });
  }

  private Future<Void> checkpointAll() {
    return checkpoint(new ArrayList<>(partitions.keySet()));
  }

  /**
   * Saves the changed series of {@code numbers} and then commits their input offsets. State and
   * offsets are captured together, on this event loop, so they describe one cut of the input; the
   * outputs of that cut are flushed before anything is committed, so a committed offset implies its
   * outputs and state are in Kafka.
   */
  private Future<Void> checkpoint(List<Integer> numbers) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    List<SeriesCheckpoint> snapshots = new ArrayList<>();
    for (int number : numbers) {
      PartitionState state = partitions.get(number);
      if (state == null || !state.loaded || state.nextOffset < 0) {
        continue;
      }
      offsets.put(new TopicPartition(Topics.POINTS, number), new OffsetAndMetadata(state.nextOffset, ""));
      for (String seriesId : state.dirty) {
        SeriesState series = state.series.get(seriesId);
        snapshots.add(new SeriesCheckpoint(seriesId, number, detectorType.name(), series.detector.checkpoint(), series.lastTimestampMillis));
      }
      state.dirty.clear();
    }
    if (offsets.isEmpty()) {
      return Future.succeededFuture();
    }
    return producer.flush().compose(flushed -> {
      List<Future<?>> writes = new ArrayList<>(snapshots.size());
      for (SeriesCheckpoint snapshot : snapshots) {
        writes.add(producer.send(KafkaProducerRecord.create(
            Topics.DETECTOR_CHECKPOINTS, snapshot.seriesId(), snapshot.toJson(), null, snapshot.partition())));
      }
      return Future.all(writes);
    }).compose(written -> consumer.commit(offsets)).recover(failure -> {
      // The series stay unsaved: mark them changed so the next checkpoint writes them.
      for (SeriesCheckpoint snapshot : snapshots) {
        PartitionState state = partitions.get(snapshot.partition());
        if (state != null) {
          state.dirty.add(snapshot.seriesId());
        }
      }
      return Future.failedFuture(failure);
    }).mapEmpty();
  }
}
