package io.vigil.alerting;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vigil.config.AlertingConfig;
import io.vigil.config.ConfigException;
import io.vigil.ingest.push.FieldError;
import io.vigil.kafka.KafkaClientMeters;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.TopicReader;
import io.vigil.model.Addresses;
import io.vigil.model.Anomaly;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import io.vigil.web.RequestIds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting stage. Reads anomalies in the alerting consumer group and turns them into alerts
 * ({@link AlertEvaluator}); every tick resolves recovered alerts and runs the notification pipeline
 * ({@link AlertDispatcher}), writing notifications to the outbox for {@code DeliveryVerticle}. Alert
 * state, group state, subscriptions, silences and feedback live in compacted topics and are read
 * back at start. Anomaly offsets are committed only after a tick's writes are acknowledged.
 *
 * <p>With several processes, each owns the alerts of the anomaly partitions assigned to it. So that
 * the API works from any process, every process follows the alerts and feedback topics outside any
 * group ({@link AlertView}, and the feedback ledger), and an ack is written as a command to
 * {@link Topics#ALERT_COMMANDS}, partitioned like the anomalies, which only the owner applies. The
 * evaluator holds only the owned alerts: when partitions are assigned, the alerts whose series maps
 * to them are taken from the view, and when they move elsewhere they are dropped. A notification
 * group is owned the same way, by the partition its key hashes to: its owner gathers the group's
 * alerts from its own evaluator and, for alerts evaluated elsewhere, from the view, so each group is
 * notified by one process.
 *
 * <p>Serves the alerting API on {@link Addresses#ALERTING_API} (request/reply, local), so all state
 * is touched only on this verticle's event loop.
 */
public final class AlertingVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AlertingVerticle.class);

  /** Event-bus header with the correlation id of the HTTP request an API message comes from. */
  static final String REQUEST_ID_HEADER = "requestId";
  static final String STAGE = "alerting";
  private static final Set<String> ALERT_STATES = Set.of("firing", "resolved", "silenced", "inhibited");
  private static final List<String> VIEW_TOPICS =
      List.of(Topics.ALERTS, Topics.FEEDBACK, Topics.ALERT_GROUPS, Topics.SUBSCRIPTIONS, Topics.SILENCES);
  /** How long an ack waits to see the owner apply it before answering 202; below the routes' 15 s timeout. */
  private static final long ACK_WAIT_MILLIS = 10_000;

  private final KafkaEndpoint kafka;
  private final AlertingConfig config;
  private final Clock clock;
  private final List<InhibitRule> inhibitRules;
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  private final Set<String> reservedNames = new HashSet<>();
  private final Map<String, Silence> silences = new LinkedHashMap<>();
  private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
  private final AlertView view = new AlertView();
  /** Every notification group state, as last written to the alert-groups topic by any process. */
  private final Map<String, JsonObject> groupView = new HashMap<>();
  /** The anomaly partitions whose alerts the evaluator holds. */
  private final Set<Integer> heldPartitions = new HashSet<>();
  /** The partitions (of the anomalies and, co-partitioned, of the commands) whose records are applied. */
  private final Set<Integer> consumedPartitions = new HashSet<>();
  /** Between a revoke and the assignment that follows it ticks wait: no process resolves or notifies an alert it is losing. */
  private boolean rebalancing;
  private int anomalyPartitions;
  private final Map<String, List<Promise<JsonObject>>> ackWaits = new HashMap<>();
  private FeedbackLedger feedback;
  private AlertEvaluator evaluator;
  private AlertDispatcher dispatcher;
  private ReceiverUrlGuard guard;
  private KafkaConsumer<String, JsonObject> consumer;
  private final List<KafkaClientMeters.Binding> meters = new ArrayList<>();
  private KafkaConsumer<String, JsonObject> viewReader;
  private KafkaProducer<String, JsonObject> producer;
  private MessageConsumer<JsonObject> api;
  private long timerId = -1;
  private boolean ticking;

  public AlertingVerticle(KafkaEndpoint kafka, AlertingConfig config, Clock clock) {
    this.kafka = kafka;
    this.config = config;
    this.clock = clock;
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
    feedback = new FeedbackLedger(config.scoreThreshold(), config.feedbackThresholdStep(), config.feedbackMaxRaise());
    evaluator = new AlertEvaluator(config, clock, seriesId -> feedback.thresholdOf(seriesId));
    dispatcher = new AlertDispatcher(clock, inhibitRules, config.silenceReminderBeforeSeconds() * 1000L, config.silenceReminderMinSeconds() * 1000L);
    guard = new ReceiverUrlGuard(vertx, config.allowPrivateReceivers());
    producer = KafkaProducer.create(vertx, kafka.producerProperties(), String.class, JsonObject.class);
    meters.add(kafka.meters().bind(producer, STAGE));
    TopicReader reader = kafka.reader();
    return vertx.executeBlocking(() -> {
      anomalyPartitions = reader.partitionCount(Topics.ANOMALIES);
      if (anomalyPartitions < 1) {
        throw new IllegalStateException(Topics.ANOMALIES + " has no partitions");
      }
      Map<String, TopicReader.Snapshot> snapshot = new HashMap<>();
      for (String topic : List.of(Topics.SUBSCRIPTIONS, Topics.SILENCES, Topics.FEEDBACK, Topics.ALERTS, Topics.ALERT_GROUPS)) {
        snapshot.put(topic, reader.snapshot(topic));
      }
      return snapshot;
    }).compose(snapshot -> {
      restore(snapshot);
      api = vertx.eventBus().localConsumer(Addresses.ALERTING_API, this::answer);
      consumer = KafkaConsumer.create(vertx, groupConsumerProperties(), String.class, JsonObject.class);
      meters.add(kafka.meters().bind(consumer, STAGE));
      consumer.partitionsRevokedHandler(this::onRevoked);
      consumer.partitionsAssignedHandler(this::onAssigned);
      consumer.exceptionHandler(failure -> LOG.warn("alerting consumer: {}", failure.getMessage()));
      consumer.handler(this::onRecord);
      timerId = vertx.setPeriodic(config.tickMillis(), id -> tick());
      return followViews(snapshot).compose(following -> consumer.subscribe(Set.of(Topics.ANOMALIES, Topics.ALERT_COMMANDS)));
    });
  }

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
   * Follows the alerts, feedback, alert-groups, subscriptions and silences topics from where the
   * start-up snapshot ended, outside any group, so this process sees every alert, feedback,
   * notification group state, subscription and silence whichever process wrote it (a new owner
   * takes alerts and group states from there; a subscription or silence made through another
   * process applies here as soon as it arrives). The handler is set only after the seeks, so no
   * record before the snapshot's end is read twice.
   */
  private Future<Void> followViews(Map<String, TopicReader.Snapshot> snapshot) {
    viewReader = KafkaConsumer.create(vertx, kafka.readerProperties(), String.class, JsonObject.class);
    meters.add(kafka.meters().bind(viewReader, STAGE + "-view"));
    viewReader.exceptionHandler(failure -> LOG.warn("alerting view reader: {}", failure.getMessage()));
    Map<TopicPartition, Long> from = new HashMap<>();
    for (String topic : VIEW_TOPICS) {
      snapshot.get(topic).endOffsets().forEach((partition, end) -> from.put(new TopicPartition(topic, partition), end));
    }
    return viewReader.assign(from.keySet())
        .compose(assigned -> Future.all(from.entrySet().stream().map(entry -> viewReader.seek(entry.getKey(), entry.getValue())).toList()))
        .map(sought -> {
          viewReader.handler(this::onViewRecord);
          return null;
        });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timerId);
    // A tick in progress commits its own offsets; committing beside it would use the consumer from two threads.
    Future<?> closing = consumer == null ? Future.succeededFuture() : (ticking ? Future.succeededFuture() : commit()).eventually(() -> consumer.close());
    ackWaits.values().forEach(waiting -> waiting.forEach(promise -> promise.tryComplete(error(503, "alerting is stopping", List.of()))));
    ackWaits.clear();
    Future<?> viewClosed = viewReader == null ? Future.succeededFuture() : viewReader.close();
    return closing.eventually(() -> viewClosed).eventually(() -> producer.close())
        .eventually(() -> api == null ? Future.succeededFuture() : api.unregister())
        .andThen(closed -> meters.forEach(KafkaClientMeters.Binding::close));
  }

  private void restore(Map<String, TopicReader.Snapshot> snapshots) {
    Map<String, Map<String, JsonObject>> snapshot = new HashMap<>();
    snapshots.forEach((topic, read) -> snapshot.put(topic, read.latest()));
    snapshot.get(Topics.SUBSCRIPTIONS).forEach(this::applySubscription);
    snapshot.get(Topics.SILENCES).forEach(this::applySilence);
    snapshot.get(Topics.FEEDBACK).values().forEach(feedback::add);
    // Alerts and group states go to the views only: the evaluator and the dispatcher take those of
    // this member's partitions when they are assigned (onAssigned).
    snapshot.get(Topics.ALERTS).forEach(view::apply);
    groupView.putAll(snapshot.get(Topics.ALERT_GROUPS));
    LOG.info("alerting: read {} subscriptions, {} silences, {} alerts, {} notification groups",
        subscriptions.size(), silences.size(), view.alerts().size(), groupView.size());
  }

  /**
   * The anomalies partition of a series (as the producer's default partitioner picks it from the
   * key), or of a notification group's key: whoever holds the partition owns both.
   */
  private int partitionOf(String seriesId) {
    return Utils.toPositive(Utils.murmur2(seriesId.getBytes(StandardCharsets.UTF_8))) % anomalyPartitions;
  }

  private void onRevoked(Set<TopicPartition> revoked) {
    commit();
    revoked.forEach(nextOffsets::remove);
    revoked.forEach(partition -> consumedPartitions.remove(partition.getPartition()));
    // The alerts stay in the evaluator until the assignment shows which partitions stay here (the
    // range assignor revokes every partition on each rebalance); until then nothing ticks.
    rebalancing = true;
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
    Set<Integer> now = new HashSet<>();
    assigned.stream().filter(partition -> partition.getTopic().equals(Topics.ANOMALIES)).forEach(partition -> now.add(partition.getPartition()));
    Set<Integer> gone = new HashSet<>(heldPartitions);
    gone.removeAll(now);
    Set<Integer> added = new HashSet<>(now);
    added.removeAll(heldPartitions);
    if (!gone.isEmpty()) {
      evaluator.release(alert -> gone.contains(partitionOf(alert.seriesId())));
      dispatcher.release(key -> gone.contains(partitionOf(key)));
    }
    Set<String> taken = new HashSet<>();
    view.alerts().stream().filter(alert -> added.contains(partitionOf(alert.seriesId()))).forEach(alert -> {
      evaluator.restore(alert);
      taken.add(alert.fingerprint());
    });
    int groups = 0;
    for (Map.Entry<String, JsonObject> group : groupView.entrySet()) {
      if (added.contains(partitionOf(group.getKey()))) {
        dispatcher.adopt(GroupState.fromJson(group.getValue()));
        groups++;
      }
    }
    heldPartitions.clear();
    heldPartitions.addAll(now);
    consumedPartitions.clear();
    consumedPartitions.addAll(now);
    rebalancing = false;
    LOG.info("alerting: owns anomaly partitions {}: took {} alerts and {} notification groups, let go of partitions {}",
        now, taken.size(), groups, gone);
  }

  private void onRecord(KafkaConsumerRecord<String, JsonObject> record) {
    if (!consumedPartitions.contains(record.partition())) {
      return; // fetched before its partition was revoked: the next owner reads it from the committed offset
    }
    nextOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
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
    evaluator.onAnomaly(anomaly).ifPresent(this::saveAlert);
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
      switch (record.topic()) {
        case Topics.ALERTS -> view.apply(record.key(), record.value()).filter(Alert::acknowledged).ifPresent(this::settleAcks);
        case Topics.FEEDBACK -> {
          if (record.value() != null) {
            feedback.add(record.value());
          }
        }
        case Topics.ALERT_GROUPS -> {
          if (record.value() == null) {
            groupView.remove(record.key());
          } else {
            groupView.put(record.key(), record.value());
          }
        }
        case Topics.SUBSCRIPTIONS -> applySubscription(record.key(), record.value());
        case Topics.SILENCES -> applySilence(record.key(), record.value());
        default -> LOG.warn("alerting view: record from unexpected topic {}", record.topic());
      }
    } catch (RuntimeException e) {
      LOG.warn("alerting view: skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }

  /**
   * A stored subscription (null: deleted), from the start-up snapshot or any process's write. A
   * process's own writes come back this way too and change nothing; two quick writes to one name
   * through different processes settle on the later one once both have arrived.
   */
  private void applySubscription(String name, JsonObject json) {
    if (json == null) {
      subscriptions.remove(name);
      return;
    }
    SubscriptionParser.Result parsed = SubscriptionParser.parse(json);
    if (parsed.subscription() != null) {
      subscriptions.put(name, parsed.subscription());
    } else {
      LOG.warn("alerting: stored subscription {} no longer validates and is ignored: {}", name, parsed.errors());
    }
  }

  /** A stored silence (expiring one stores it again, ended); a tombstone forgets it. */
  private void applySilence(String id, JsonObject json) {
    if (json == null) {
      silences.remove(id);
    } else {
      silences.put(id, Silence.fromJson(json));
    }
  }

  private void settleAcks(Alert acked) {
    List<Promise<JsonObject>> waiting = ackWaits.remove(acked.id());
    if (waiting != null) {
      JsonObject reply = new JsonObject().put("status", 200).put("body", alertJson(acked));
      waiting.forEach(promise -> promise.tryComplete(reply.copy()));
    }
  }

  private Future<?> saveAlert(Alert alert) {
    return producer.send(KafkaProducerRecord.create(Topics.ALERTS, alert.fingerprint(), alert.toJson()));
  }

  private void tick() {
    if (ticking || rebalancing) {
      return;
    }
    ticking = true;
    Map<TopicPartition, OffsetAndMetadata> offsets = capturedOffsets();
    evaluator.tick().forEach(this::saveAlert);
    evaluator.drainForgotten().forEach(fingerprint -> producer.send(KafkaProducerRecord.create(Topics.ALERTS, fingerprint, (JsonObject) null)));
    AlertDispatcher.Output output = dispatcher.tick(everyAlert(), subscriptions.values(), silences.values(),
        key -> heldPartitions.contains(partitionOf(key)));
    List<Future<?>> outbox = new ArrayList<>();
    for (Notification notification : output.notifications()) {
      outbox.add(producer.send(KafkaProducerRecord.create(Topics.OUTBOX, notification.groupKey(), notification.toJson())));
    }
    // Group state is saved only once its notifications are in the outbox: a crash in between sends
    // a notification twice rather than never.
    Future.all(outbox).compose(written -> {
      List<Future<?>> state = new ArrayList<>();
      output.savedGroups().forEach(group -> state.add(producer.send(KafkaProducerRecord.create(Topics.ALERT_GROUPS, group.key(), group.toJson()))));
      output.removedGroups().forEach(key -> state.add(producer.send(KafkaProducerRecord.create(Topics.ALERT_GROUPS, key, (JsonObject) null))));
      for (Silence silence : output.remindedSilences()) {
        silences.put(silence.id(), silence);
        state.add(producer.send(KafkaProducerRecord.create(Topics.SILENCES, silence.id(), silence.toJson())));
      }
      return Future.all(state);
    }).compose(saved -> producer.flush())
        .compose(flushed -> offsets.isEmpty() ? Future.succeededFuture() : consumer.commit(offsets))
        .onComplete(done -> {
          ticking = false;
          if (done.failed()) {
            LOG.warn("alerting: tick failed, will retry: {}", done.cause().getMessage());
          }
          if (!output.notifications().isEmpty()) {
            LOG.info("alerting: {} notification(s) written to the outbox", output.notifications().size());
          }
        });
  }

  /**
   * The alerts this process evaluates, as they stand now, and every other process's as last read
   * from the alerts topic: the members of the groups this process notifies, wherever they live.
   */
  private List<Alert> everyAlert() {
    List<Alert> alerts = new ArrayList<>(evaluator.alerts());
    view.alerts().stream().filter(alert -> !heldPartitions.contains(partitionOf(alert.seriesId()))).forEach(alerts::add);
    return alerts;
  }

  private Map<TopicPartition, OffsetAndMetadata> capturedOffsets() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    nextOffsets.forEach((partition, next) -> offsets.put(partition, new OffsetAndMetadata(next, "")));
    return offsets;
  }

  private Future<Void> commit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = capturedOffsets();
    if (offsets.isEmpty()) {
      return Future.succeededFuture();
    }
    return producer.flush().compose(flushed -> consumer.commit(offsets)).mapEmpty();
  }

  // ---- API (request/reply on the event bus) ----

  private void answer(Message<JsonObject> message) {
    RequestIds.bind(message.headers().get(REQUEST_ID_HEADER));
    JsonObject request = message.body();
    Future<JsonObject> reply;
    try {
      reply = switch (request.getString("action")) {
        case "subscriptions.list" -> ok(listSubscriptions());
        case "subscriptions.get" -> subscription(request.getString("id"));
        case "subscriptions.create" -> putSubscription(request.getJsonObject("body"), null);
        case "subscriptions.update" -> putSubscription(request.getJsonObject("body"), request.getString("id"));
        case "subscriptions.delete" -> deleteSubscription(request.getString("id"));
        case "silences.list" -> ok(listSilences());
        case "silences.get" -> silence(request.getString("id"));
        case "silences.create" -> createSilence(request.getJsonObject("body"));
        case "silences.delete" -> expireSilence(request.getString("id"));
        case "alerts.list" -> listAlerts(request.getString("state"));
        case "alerts.get" -> alert(request.getString("id"));
        case "alerts.ack" -> acknowledge(request.getString("id"));
        case "alerts.feedback" -> addFeedback(request.getString("id"), request.getJsonObject("body"));
        default -> Future.succeededFuture(error(404, "no such action", List.of()));
      };
    } catch (RuntimeException e) {
      LOG.error("alerting API action {} failed", request.getString("action"), e);
      reply = Future.succeededFuture(error(500, "internal error", List.of()));
    }
    reply.onComplete(done -> message.reply(done.succeeded() ? done.result()
        : error(503, "could not store the change in Kafka: " + done.cause().getMessage(), List.of())));
  }

  private static Future<JsonObject> ok(Object body) {
    return reply(200, body);
  }

  private static Future<JsonObject> reply(int status, Object body) {
    return Future.succeededFuture(new JsonObject().put("status", status).put("body", body));
  }

  static JsonObject error(int status, String message, List<FieldError> details) {
    JsonArray array = new JsonArray();
    details.forEach(detail -> array.add(detail.toJson()));
    return new JsonObject().put("status", status).put("body", new JsonObject().put("error", message).put("details", array));
  }

  private JsonObject listSubscriptions() {
    JsonArray items = new JsonArray();
    subscriptions.values().forEach(subscription -> items.add(subscription.toJson(true)));
    return new JsonObject().put("subscriptions", items);
  }

  private Future<JsonObject> subscription(String name) {
    Subscription subscription = subscriptions.get(name);
    return subscription == null ? Future.succeededFuture(error(404, "no subscription named " + name, List.of())) : ok(subscription.toJson(true));
  }

  private Future<JsonObject> putSubscription(JsonObject body, String pathName) {
    if (body == null) {
      return Future.succeededFuture(error(400, "the body must be a JSON object", List.of(new FieldError("body", "must be a JSON object"))));
    }
    if (pathName != null && !body.containsKey("name")) {
      body = body.copy().put("name", pathName);
    }
    SubscriptionParser.Result parsed = SubscriptionParser.parse(body);
    if (parsed.subscription() == null) {
      return Future.succeededFuture(error(400, "invalid subscription: nothing was stored", parsed.errors()));
    }
    Subscription subscription = parsed.subscription();
    String name = subscription.name();
    if (pathName != null && !pathName.equals(name)) {
      return Future.succeededFuture(error(400, "invalid subscription: nothing was stored",
          List.of(new FieldError("name", "must equal the name in the path (" + pathName + ")"))));
    }
    if (pathName == null && (subscriptions.containsKey(name) || reservedNames.contains(name))) {
      return Future.succeededFuture(error(400, "invalid subscription: nothing was stored",
          List.of(new FieldError("name", "a subscription named " + name + " already exists"))));
    }
    if (pathName != null && !subscriptions.containsKey(name)) {
      return Future.succeededFuture(error(404, "no subscription named " + name, List.of()));
    }
    reservedNames.add(name);
    String url = subscription.receiver().getString("url");
    Future<String> urlCheck = url == null ? Future.succeededFuture(null) : guard.problemWith(url);
    return urlCheck.compose(problem -> {
      if (problem != null) {
        return Future.succeededFuture(error(400, "invalid subscription: nothing was stored", List.of(new FieldError("receiver.url", problem))));
      }
      return producer.send(KafkaProducerRecord.create(Topics.SUBSCRIPTIONS, name, subscription.toJson(false))).map(written -> {
        subscriptions.put(name, subscription);
        LOG.info("alerting: subscription {} {} ({} receiver)", name, pathName == null ? "created" : "updated", subscription.receiverType());
        return new JsonObject().put("status", pathName == null ? 201 : 200).put("body", subscription.toJson(true));
      });
    }).eventually(() -> {
      reservedNames.remove(name);
      return Future.succeededFuture();
    });
  }

  private Future<JsonObject> deleteSubscription(String name) {
    if (!subscriptions.containsKey(name)) {
      return Future.succeededFuture(error(404, "no subscription named " + name, List.of()));
    }
    return producer.send(KafkaProducerRecord.create(Topics.SUBSCRIPTIONS, name, (JsonObject) null)).map(written -> {
      subscriptions.remove(name);
      return new JsonObject().put("status", 204);
    });
  }

  private JsonObject listSilences() {
    long now = clock.millis();
    JsonArray items = new JsonArray();
    silences.values().stream().sorted(Comparator.comparingLong(Silence::createdAtMillis))
        .forEach(silence -> items.add(silence.toJson().put("state", silence.state(now))));
    return new JsonObject().put("silences", items);
  }

  private Future<JsonObject> silence(String id) {
    Silence silence = silences.get(id);
    return silence == null ? Future.succeededFuture(error(404, "no silence with id " + id, List.of()))
        : ok(silence.toJson().put("state", silence.state(clock.millis())));
  }

  private Future<JsonObject> createSilence(JsonObject body) {
    if (body == null) {
      return Future.succeededFuture(error(400, "the body must be a JSON object", List.of(new FieldError("body", "must be a JSON object"))));
    }
    long now = clock.millis();
    Silence.Result parsed = Silence.parse(body, "si-" + UUID.randomUUID(), now);
    if (parsed.silence() == null) {
      return Future.succeededFuture(error(400, "invalid silence: nothing was stored", parsed.errors()));
    }
    Silence silence = parsed.silence();
    return producer.send(KafkaProducerRecord.create(Topics.SILENCES, silence.id(), silence.toJson())).map(written -> {
      silences.put(silence.id(), silence);
      return new JsonObject().put("status", 201).put("body", silence.toJson().put("state", silence.state(now)));
    });
  }

  private Future<JsonObject> expireSilence(String id) {
    Silence silence = silences.get(id);
    if (silence == null) {
      return Future.succeededFuture(error(404, "no silence with id " + id, List.of()));
    }
    Silence expired = silence.endingAt(clock.millis());
    return producer.send(KafkaProducerRecord.create(Topics.SILENCES, id, expired.toJson())).map(written -> {
      silences.put(id, expired);
      return new JsonObject().put("status", 200).put("body", expired.toJson().put("state", expired.state(clock.millis())));
    });
  }

  private JsonObject alertJson(Alert alert) {
    return alert.toJson()
        .put("state", dispatcher.stateOf(alert, view.alerts(), silences.values()))
        .put("feedback", feedback.of(alert.id()));
  }

  private Future<JsonObject> listAlerts(String state) {
    if (state != null && !ALERT_STATES.contains(state)) {
      return Future.succeededFuture(error(400, "invalid query", List.of(new FieldError("state", "must be one of firing, resolved, silenced, inhibited"))));
    }
    JsonArray items = new JsonArray();
    view.alerts().stream().sorted(Comparator.comparingLong(Alert::startsAtMillis).reversed()).forEach(alert -> {
      JsonObject json = alertJson(alert);
      if (state == null || state.equals(json.getString("state"))) {
        items.add(json);
      }
    });
    return ok(new JsonObject().put("alerts", items));
  }

  private Future<JsonObject> alert(String id) {
    return view.find(id).map(alert -> ok(alertJson(alert)))
        .orElseGet(() -> Future.succeededFuture(error(404, "no alert with id " + id, List.of())));
  }

  /**
   * Sends an ack command to the alert's owner (maybe this process) and answers 200 with the alert
   * once the acknowledged alert is read back from the alerts topic, or 202 with the alert as it
   * stands if that takes longer than {@link #ACK_WAIT_MILLIS} (the command stays in Kafka and is
   * applied when the owner gets to it).
   */
  private Future<JsonObject> acknowledge(String id) {
    Optional<Alert> found = view.find(id);
    if (found.isEmpty()) {
      return Future.succeededFuture(error(404, "no alert with id " + id, List.of()));
    }
    Alert alert = found.get();
    if (alert.acknowledged()) {
      return ok(alertJson(alert));
    }
    // Waiting starts before the send, so a read-back that overtakes the send's answer is not missed.
    Promise<JsonObject> applied = Promise.promise();
    List<Promise<JsonObject>> waiting = ackWaits.computeIfAbsent(alert.id(), key -> new ArrayList<>());
    waiting.add(applied);
    long timer = vertx.setTimer(ACK_WAIT_MILLIS, fired ->
        applied.tryComplete(new JsonObject().put("status", 202).put("body", alertJson(view.find(alert.id()).orElse(alert)))));
    JsonObject command = new JsonObject().put("type", "ack").put("alertId", alert.id()).put("fingerprint", alert.fingerprint());
    producer.send(KafkaProducerRecord.create(Topics.ALERT_COMMANDS, alert.seriesId(), command))
        .onFailure(applied::tryFail);
    return applied.future().onComplete(done -> {
      vertx.cancelTimer(timer);
      List<Promise<JsonObject>> stillWaiting = ackWaits.get(alert.id());
      if (stillWaiting != null && stillWaiting.remove(applied) && stillWaiting.isEmpty()) {
        ackWaits.remove(alert.id());
      }
    });
  }

  private Future<JsonObject> addFeedback(String id, JsonObject body) {
    Optional<Alert> found = view.find(id);
    if (found.isEmpty()) {
      return Future.succeededFuture(error(404, "no alert with id " + id, List.of()));
    }
    List<FieldError> errors = new ArrayList<>();
    if (body == null) {
      errors.add(new FieldError("body", "must be a JSON object"));
    } else {
      for (String key : body.fieldNames()) {
        if (!key.equals("verdict") && !key.equals("comment")) {
          errors.add(new FieldError(key, "unknown field; allowed: comment, verdict"));
        }
      }
      Object verdict = body.getValue("verdict");
      if (!(verdict instanceof String) || !FeedbackLedger.VERDICTS.contains(verdict)) {
        errors.add(new FieldError("verdict", "must be one of anomaly, not_anomaly, expected"));
      }
      Object comment = body.getValue("comment");
      if (comment != null && (!(comment instanceof String) || ((String) comment).length() > 2000)) {
        errors.add(new FieldError("comment", "must be text of at most 2000 characters"));
      }
    }
    if (!errors.isEmpty()) {
      return Future.succeededFuture(error(400, "invalid feedback: nothing was stored", errors));
    }
    Alert alert = found.get();
    String feedbackId = "fb-" + UUID.randomUUID();
    JsonObject record = new JsonObject()
        .put("id", feedbackId)
        .put("alertId", alert.id())
        .put("fingerprint", alert.fingerprint())
        .put("seriesId", alert.seriesId())
        .put("verdict", body.getString("verdict"))
        .put("comment", body.getString("comment", ""))
        .put("createdAt", Instant.ofEpochMilli(clock.millis()).toString());
    // Feedback needs no command: it only adds a record under a new id, and every process (the alert's
    // owner among them) follows the feedback topic, so the owner's threshold rises when it reads it.
    return producer.send(KafkaProducerRecord.create(Topics.FEEDBACK, feedbackId, record)).map(written -> {
      feedback.add(record);
      return new JsonObject().put("status", 201).put("body", record.copy()
          .put("seriesThreshold", feedback.thresholdOf(alert.seriesId())));
    });
  }
}
