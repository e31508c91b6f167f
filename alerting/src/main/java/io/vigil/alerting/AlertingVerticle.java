package io.vigil.alerting;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vigil.config.AlertingConfig;
import io.vigil.config.ConfigException;
import io.vigil.kafka.KafkaClientMeters;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.TopicFollower;
import io.vigil.kafka.TopicReader;
import io.vigil.model.Addresses;
import io.vigil.model.Anomaly;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting stage. Reads anomalies in the alerting consumer group and turns them into alerts
 * ({@link AlertEvaluator}); every tick resolves recovered alerts and runs the notification pipeline
 * ({@link AlertDispatcher}), writing notifications to the outbox for {@code DeliveryVerticle}. This
 * class moves records and wires the pieces: {@link AlertingViews} (restored from the compacted
 * topics at start, then followed), {@link PartitionOwnership} (which alerts and groups are this
 * process's), {@link TickLoop} (tick, then commit the anomaly offsets once the tick's writes are
 * acknowledged) and {@link AlertingApi} (the request/reply API on {@link Addresses#ALERTING_API}).
 *
 * <p>With several processes, each owns the alerts of the anomaly partitions assigned to it. So that
 * the API works from any process, every process follows the views' topics outside any group, and an
 * ack is written as a command to {@link Topics#ALERT_COMMANDS}, partitioned like the anomalies, which
 * only the owner applies. The evaluator holds only the owned alerts: when partitions are assigned,
 * the alerts whose series maps to them are taken from the views, and when they move elsewhere they
 * are dropped. A notification group is owned the same way, by the partition its key hashes to: its
 * owner gathers the group's alerts from its own evaluator and, for alerts evaluated elsewhere, from
 * the views, so each group is notified by one process.
 *
 * <p>Everything runs on this verticle's event loop, so all state has one thread.
 */
public final class AlertingVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AlertingVerticle.class);

  static final String STAGE = "alerting";
  /** How long an ack waits to see the owner apply it before answering 202; below the routes' 15 s timeout. */
  private static final long ACK_WAIT_MILLIS = 10_000;

  private final KafkaEndpoint kafka;
  private final AlertingConfig config;
  private final Clock clock;
  private final String externalUrl;
  private final List<InhibitRule> inhibitRules;
  private final List<KafkaClientMeters.Binding> meters = new ArrayList<>();
  private AlertingViews views;
  private AlertEvaluator evaluator;
  private AlertDispatcher dispatcher;
  private PartitionOwnership ownership;
  private TickLoop loop;
  private AlertingApi api;
  private KafkaConsumer<String, JsonObject> consumer;
  private TopicFollower viewReader;
  private KafkaProducer<String, JsonObject> producer;
  private RecordWriter writer;
  private MessageConsumer<JsonObject> apiConsumer;
  private long timerId = -1;
  /** Set by {@link #stop()}: from then on only the close uses the consumer. */
  private boolean stopping;

  /** @param externalUrl Vigil's own base URL ({@link AlertingConfig#externalUrlOr}), for links in notifications */
  public AlertingVerticle(KafkaEndpoint kafka, AlertingConfig config, Clock clock, String externalUrl) {
    this.kafka = kafka;
    this.config = config;
    this.clock = clock;
    this.externalUrl = externalUrl;
    this.inhibitRules = inhibitRules(config);
  }

  /** Parses the configured inhibition rules; the exception names the bad one. */
  public static List<InhibitRule> inhibitRules(AlertingConfig config) {
    List<InhibitRule> rules = new ArrayList<>();
    for (int i = 0; i < config.inhibitRules().size(); i++) {
      try {
        rules.add(InhibitRule.parse(config.inhibitRules().get(i)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("alerting.inhibitRules[" + i + "]", e.getMessage());
      }
    }
    return rules;
  }

  @Override
  public Future<?> start() {
    FeedbackLedger feedback = new FeedbackLedger(config.scoreThreshold(), config.feedbackThresholdStep(), config.feedbackMaxRaise());
    views = new AlertingViews(feedback);
    evaluator = new AlertEvaluator(config, clock, feedback::thresholdOf);
    dispatcher = new AlertDispatcher(clock, inhibitRules, config.silenceReminderBeforeSeconds() * 1000L, config.silenceReminderMinSeconds() * 1000L,
        externalUrl, config.insightWaitSeconds() * 1000L);
    producer = KafkaProducer.create(vertx, kafka.producerProperties(), String.class, JsonObject.class);
    meters.add(kafka.meters().bind(producer, STAGE));
    writer = RecordWriter.of(producer);
    api = new AlertingApi(vertx, clock, views, dispatcher, new ReceiverUrlGuard(vertx, config.allowPrivateReceivers()), writer, ACK_WAIT_MILLIS);
    TopicReader reader = kafka.reader();
    return vertx.executeBlocking(() -> {
      int anomalyPartitions = reader.partitionCount(Topics.ANOMALIES);
      if (anomalyPartitions < 1) {
        throw new IllegalStateException(Topics.ANOMALIES + " has no partitions");
      }
      Map<String, TopicReader.Snapshot> snapshot = new HashMap<>();
      for (String topic : AlertingViews.TOPICS) {
        snapshot.put(topic, reader.snapshot(topic));
      }
      return new Restored(anomalyPartitions, snapshot);
    }).compose(restored -> {
      ownership = new PartitionOwnership(restored.anomalyPartitions());
      Map<String, TopicReader.Snapshot> snapshot = restored.snapshot();
      // Alerts and group states go to the views only: the evaluator and the dispatcher take those of
      // this member's partitions when they are assigned (onAssigned).
      Map<String, Map<String, JsonObject>> latest = new HashMap<>();
      snapshot.forEach((topic, read) -> latest.put(topic, read.latest()));
      views.restore(latest);
      apiConsumer = vertx.eventBus().localConsumer(Addresses.ALERTING_API, api::answer);
      consumer = KafkaConsumer.create(vertx, groupConsumerProperties(), String.class, JsonObject.class);
      meters.add(kafka.meters().bind(consumer, STAGE));
      loop = new TickLoop(evaluator, dispatcher, views, ownership, writer, offsets -> consumer.commit(offsets).mapEmpty());
      consumer.partitionsRevokedHandler(this::onRevoked);
      consumer.partitionsAssignedHandler(this::onAssigned);
      consumer.exceptionHandler(failure -> LOG.warn("alerting consumer: {}", failure.getMessage()));
      consumer.handler(this::onRecord);
      timerId = vertx.setPeriodic(config.tickMillis(), id -> loop.tick());
      return followViews(snapshot).compose(following -> consumer.subscribe(Set.of(Topics.ANOMALIES, Topics.ALERT_COMMANDS)));
    });
  }

  /** What start-up reads before anything is consumed. */
  private record Restored(int anomalyPartitions, Map<String, TopicReader.Snapshot> snapshot) {}

  private Map<String, String> groupConsumerProperties() {
    Map<String, String> properties = kafka.consumerProperties(kafka.group(STAGE));
    // An ack must reach the member that owns the alert's anomaly partition. The range assignor gives
    // each member the same partition numbers of every topic with the same partition count (it splits
    // each topic over the members in one sorted order), so partition p of the commands goes where
    // partition p of the anomalies goes. The client's default list puts range first, but it also
    // offers cooperative-sticky, which does not co-partition; a group that ever switched to it
    // would send acks to the wrong member. Only the classic group protocol honours this setting.
    properties.put("partition.assignment.strategy", RangeAssignor.class.getName());
    return properties;
  }

  /**
   * Follows the alerts, feedback, alert-groups, subscriptions, silences and insights topics from where the
   * start-up snapshot ended, outside any group, so this process sees every alert, feedback,
   * notification group state, subscription and silence whichever process wrote it (a new owner
   * takes alerts and group states from there; a subscription or silence made through another
   * process applies here as soon as it arrives). The handler is set only after the seeks, so no
   * record before the snapshot's end is read twice.
   */
  private Future<Void> followViews(Map<String, TopicReader.Snapshot> snapshot) {
    viewReader = new TopicFollower(vertx, kafka, STAGE + "-view");
    Map<TopicPartition, Long> from = new HashMap<>();
    for (String topic : AlertingViews.TOPICS) {
      snapshot.get(topic).endOffsets().forEach((partition, end) -> from.put(new TopicPartition(topic, partition), end));
    }
    return viewReader.follow(from, this::onViewRecord);
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(timerId);
    // A tick in progress commits its own offsets; committing beside it would use the consumer from two threads.
    Future<?> closing = consumer == null ? Future.succeededFuture() : (loop.ticking() ? Future.succeededFuture() : loop.commit()).eventually(() -> consumer.close());
    api.close();
    Future<?> viewClosed = viewReader == null ? Future.succeededFuture() : viewReader.close();
    return closing.eventually(() -> viewClosed).eventually(() -> producer.close())
        .eventually(() -> apiConsumer == null ? Future.succeededFuture() : apiConsumer.unregister())
        .andThen(closed -> meters.forEach(KafkaClientMeters.Binding::close));
  }

  private void onRevoked(Set<TopicPartition> revoked) {
    if (!stopping) {
      // Not on our own close: stop() committed before closing, and the consumer, closing on its own
      // thread, must not be used again.
      loop.commit();
    }
    loop.forget(revoked);
    // The alerts stay in the evaluator until the assignment shows which partitions stay here; until then nothing ticks.
    Set<Integer> numbers = new HashSet<>();
    revoked.forEach(partition -> numbers.add(partition.getPartition()));
    ownership.revoked(numbers);
  }

  /**
   * Drops the alerts and notification groups of the partitions that went elsewhere and takes, from
   * the views, those of the partitions that are new here. Runs on the event loop before any record
   * of the assigned partitions (the client queues this handler from inside the poll that fetches
   * them), so no record is applied before its partition's alerts are.
   *
   * <p>A notification group belongs to the partition its key hashes to, like a series, so exactly
   * one process notifies each group, whichever processes evaluate its alerts; the new owner takes
   * the group's stored state whole (its pending group wait, when it last sent, what it was told),
   * so it neither re-notifies nor restarts the wait. Released state is dropped silently (no
   * tombstone): the new owner holds it now. What stays weak: the views may lag the previous owner's
   * last writes by a moment, in which case a moved alert or group is taken as it stood a little
   * earlier.
   */
  private void onAssigned(Set<TopicPartition> assigned) {
    Set<Integer> owned = new HashSet<>();
    assigned.stream().filter(partition -> partition.getTopic().equals(Topics.ANOMALIES)).forEach(partition -> owned.add(partition.getPartition()));
    PartitionOwnership.Change change = ownership.assigned(owned);
    Set<Integer> gone = change.gone();
    Set<Integer> added = change.added();
    if (!gone.isEmpty()) {
      evaluator.release(alert -> gone.contains(ownership.partitionOf(alert.seriesId())));
      dispatcher.release(key -> gone.contains(ownership.partitionOf(key)));
    }
    int alerts = 0;
    for (Alert alert : views.alerts().alerts()) {
      if (added.contains(ownership.partitionOf(alert.seriesId()))) {
        evaluator.restore(alert);
        alerts++;
      }
    }
    int groups = 0;
    for (Map.Entry<String, JsonObject> group : views.groups().entrySet()) {
      if (added.contains(ownership.partitionOf(group.getKey()))) {
        dispatcher.adopt(GroupState.fromJson(group.getValue()));
        groups++;
      }
    }
    LOG.info("alerting: owns anomaly partitions {}: took {} alerts and {} notification groups, let go of partitions {}",
        change.owned(), alerts, groups, gone);
  }

  private void onRecord(KafkaConsumerRecord<String, JsonObject> record) {
    if (!ownership.consumes(record.partition())) {
      return; // fetched before its partition was revoked: the next owner reads it from the committed offset
    }
    loop.applied(new TopicPartition(record.topic(), record.partition()), record.offset());
    if (record.topic().equals(Topics.ALERT_COMMANDS)) {
      applyCommand(record);
      return;
    }
    Anomaly anomaly;
    try {
      anomaly = Wire.anomaly(record.value());
    } catch (RuntimeException e) {
      LOG.warn("alerting: skipping an unreadable anomaly at {}@{}: {}", record.partition(), record.offset(), e.getMessage());
      return;
    }
    // The record time is when detection wrote the anomaly: when Vigil learned of it.
    long detectedAtMillis = record.timestamp() > 0 ? record.timestamp() : clock.millis();
    evaluator.onAnomaly(anomaly, detectedAtMillis).ifPresent(this::saveAlert);
  }

  /**
   * Applies an ack command: this member owns the command's partition, hence the alert. Applying it
   * twice (a replay after a crash) changes nothing; an ack for an episode that has ended since, or
   * that this member no longer holds, is dropped.
   */
  private void applyCommand(KafkaConsumerRecord<String, JsonObject> record) {
    JsonObject command = record.value();
    if (command == null || !"ack".equals(command.getString("type"))) {
      LOG.warn("alerting: skipping an unknown alert command at {}@{}", record.partition(), record.offset());
      return;
    }
    String alertId = command.getString("alertId");
    Optional<Alert> acked = alertId == null ? Optional.empty() : evaluator.acknowledge(alertId);
    if (acked.isPresent()) {
      saveAlert(acked.get());
    } else {
      LOG.info("alerting: ack for alert {} dropped: this process holds no such alert", alertId);
    }
  }

  private void onViewRecord(KafkaConsumerRecord<String, JsonObject> record) {
    try {
      views.apply(record.topic(), record.key(), record.value()).ifPresent(api::settleAcks);
    } catch (RuntimeException e) {
      LOG.warn("alerting view: skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }

  private Future<Void> saveAlert(Alert alert) {
    return writer.send(Topics.ALERTS, alert.fingerprint(), alert.toJson());
  }
}
