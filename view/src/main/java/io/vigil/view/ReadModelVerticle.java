package io.vigil.view;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndTimestamp;
import io.vigil.config.ReadModelConfig;
import io.vigil.kafka.CatchUp;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.TopicFollower;
import io.vigil.model.Addresses;
import io.vigil.model.Anomaly;
import io.vigil.model.ScoredPoint;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import io.vigil.model.WireBatch;
import io.vigil.web.StreamInterest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link ReadStore} up to date: reads every partition of the scores (from
 * {@code readModel.scoresHistoryHours} ago), anomalies and log-events (as far back as the store keeps
 * them) and audit (from the beginning) topics, outside any consumer group since every process serving the API needs all of it, and publishes
 * what is new since start on the event bus for live clients: every new anomaly, and the scored
 * points of the series some stream client watches ({@link StreamInterest}). It reports to a {@link CatchUp} how
 * far it has read of what Kafka held at start, so that readiness can wait for the history.
 */
public final class ReadModelVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ReadModelVerticle.class);
  static final String STAGE = "read-model";
  private static final List<String> TOPICS = List.of(Topics.SCORES, Topics.ANOMALIES, Topics.LOG_EVENTS, Topics.AUDIT);

  private final KafkaEndpoint kafka;
  private final ReadStore store;
  private final ReadModelConfig limits;
  private final CatchUp catchUp;
  private final StreamInterest interest;
  private TopicFollower follower;
  private KafkaConsumer<String, JsonObject> consumer;
  private long startedAtMillis;

  public ReadModelVerticle(KafkaEndpoint kafka, ReadStore store, ReadModelConfig limits, CatchUp catchUp, StreamInterest interest) {
    this.kafka = kafka;
    this.store = store;
    this.limits = limits;
    this.catchUp = catchUp;
    this.interest = interest;
  }

  @Override
  public Future<?> start() {
    startedAtMillis = System.currentTimeMillis();
    follower = new TopicFollower(vertx, kafka, STAGE);
    consumer = follower.consumer();
    return follower.follow(TOPICS, (positioned, all) -> seekToHistory(all).compose(sought -> beginCatchUp(all)), this::onRecord);
  }

  /**
   * Scores from {@code readModel.scoresHistoryHours} ago (the first record at or after that time,
   * or the end where there is none); anomalies and log events from as far back as the store keeps
   * them: each partition's newest {@code maxAnomalies} or {@code maxLogEvents} records, among which
   * are the newest of all, so a restart reads a bounded tail rather than a week of retention; the
   * audit trail from the beginning.
   */
  private Future<Void> seekToHistory(Set<TopicPartition> all) {
    Map<TopicPartition, Long> since = new HashMap<>();
    Map<TopicPartition, Integer> tails = new HashMap<>();
    Set<TopicPartition> whole = new HashSet<>();
    long from = startedAtMillis - limits.scoresHistoryHours() * 3_600_000L;
    all.forEach(partition -> {
      switch (partition.getTopic()) {
        case Topics.SCORES -> since.put(partition, from);
        case Topics.ANOMALIES -> tails.put(partition, limits.maxAnomalies());
        case Topics.LOG_EVENTS -> tails.put(partition, limits.maxLogEvents());
        default -> whole.add(partition);
      }
    });
    Future<Void> beginnings = whole.isEmpty() ? Future.succeededFuture() : consumer.seekToBeginning(whole);
    return beginnings
        .compose(done -> seekToTails(tails))
        .compose(done -> since.isEmpty() ? Future.succeededFuture() : consumer.offsetsForTimes(since))
        .compose(found -> {
          List<Future<Void>> seeks = new ArrayList<>();
          since.keySet().forEach(partition -> {
            OffsetAndTimestamp first = found == null ? null : found.get(partition);
            seeks.add(first == null ? consumer.seekToEnd(partition) : consumer.seek(partition, first.getOffset()));
          });
          return Future.all(seeks).mapEmpty();
        });
  }

  /** Each partition at its last {@code keep} records, or its beginning when it holds fewer. */
  private Future<Void> seekToTails(Map<TopicPartition, Integer> keep) {
    if (keep.isEmpty()) {
      return Future.succeededFuture();
    }
    return consumer.beginningOffsets(keep.keySet()).compose(beginning -> consumer.endOffsets(keep.keySet()).compose(end -> {
      List<Future<Void>> seeks = new ArrayList<>();
      keep.forEach((partition, records) -> seeks.add(consumer.seek(partition, tailStart(beginning.get(partition), end.get(partition), records))));
      return Future.all(seeks).mapEmpty();
    }));
  }

  /** Where reading the last {@code records} of a partition from {@code beginning} to {@code end} starts. */
  private static long tailStart(long beginning, long end, int records) {
    return Math.max(beginning, end - records);
  }

  /** Where each partition's reading starts (after the seeks) to its end offset now, for readiness. */
  private Future<Void> beginCatchUp(Set<TopicPartition> all) {
    return catchUp.track(vertx, consumer, all).onSuccess(begun -> LOG.info("read model: catching up on {}", catchUp.progress().encode()));
  }

  @Override
  public Future<?> stop() {
    catchUp.stop(vertx);
    return follower.close();
  }

  /** Each scored point of a batch (or the one of an older single record), an unreadable one skipped alone. */
  private void addScores(KafkaConsumerRecord<String, JsonObject> record, boolean live) {
    List<JsonObject> entries = WireBatch.scoredPoints(record.value());
    for (int i = 0; i < entries.size(); i++) {
      JsonObject entry = entries.get(i);
      ScoredPoint point;
      try {
        point = Wire.scoredPoint(entry);
      } catch (RuntimeException e) {
        LOG.warn("read model: skipping unreadable scored point {} of {}-{}@{}: {}", i, record.topic(), record.partition(), record.offset(),
            e.getMessage());
        continue;
      }
      if (store.addPoint(point) && live && interest.watchesPoints(point.seriesId())) {
        vertx.eventBus().publish(Addresses.STREAM_POINTS, entry);
      }
    }
  }

  private void onRecord(KafkaConsumerRecord<String, JsonObject> record) {
    boolean live = record.timestamp() >= startedAtMillis;
    try {
      switch (record.topic()) {
        case Topics.SCORES -> addScores(record, live);
        case Topics.ANOMALIES -> {
          Anomaly anomaly = Wire.anomaly(record.value());
          if (store.addAnomaly(anomaly) && live) {
            vertx.eventBus().publish(Addresses.STREAM_ANOMALIES, record.value());
          }
        }
        case Topics.LOG_EVENTS -> store.addLogEvent(Wire.logEvent(record.value()));
        case Topics.AUDIT -> store.addAudit(record.value());
        default -> LOG.warn("read model: record from unexpected topic {}", record.topic());
      }
    } catch (RuntimeException e) {
      LOG.warn("read model: skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
    }
    // After the store has it, so that being caught up means the API can show it.
    catchUp.applied(record.topic(), record.partition(), record.offset());
  }
}
