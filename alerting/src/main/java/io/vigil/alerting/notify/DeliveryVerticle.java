package io.vigil.alerting.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vigil.config.AlertingConfig;
import io.vigil.alerting.Notification;
import io.vigil.alerting.ReceiverUrlGuard;
import io.vigil.alerting.Subscription;
import io.vigil.kafka.KafkaClientMeters;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.TopicReader;
import io.vigil.model.Addresses;
import io.vigil.model.RateLimiter;
import io.vigil.model.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender: reads the outbox in the delivery consumer group and delivers every notification at
 * least once. Each notification is attempted independently (a slow or dead receiver holds up only
 * its own notifications), rate-limited per receiver, retried with exponential backoff and jitter
 * until it is {@code maxDeliveryAgeSeconds} old, and then written to the dead-letter topic. A
 * permanent failure (4xx other than 408/429, a refused URL) goes there at once.
 *
 * <p>The outbox offset committed for a partition is always below its oldest unfinished
 * notification ({@link OutboxWatermark}), so a crash re-sends only what was in flight, with the
 * same delivery id. Everything here runs on this verticle's event loop.
 */
public final class DeliveryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryVerticle.class);
  static final String STAGE = "delivery";
  private static final int MAX_REMEMBERED = 10_000;

  private final KafkaEndpoint kafka;
  private final AlertingConfig config;
  private final Clock clock;
  private final Random random;
  private final MeterRegistry registry;
  private final OutboxWatermark watermark = new OutboxWatermark();
  private final Map<String, JsonObject> deliveries = new LinkedHashMap<>();
  private KafkaConsumer<String, JsonObject> consumer;
  private final List<KafkaClientMeters.Binding> meters = new ArrayList<>();
  private KafkaProducer<String, JsonObject> producer;
  private MessageConsumer<JsonObject> api;
  private WebClient client;
  private SnsReceiver sns;
  private EmailReceiver email;
  private Map<String, Receiver> receivers;
  private RetryPolicy retries;
  private RateLimiter limiter;
  private long timerId = -1;
  private int inFlight;
  private boolean paused;
  private boolean stopping;

  public DeliveryVerticle(KafkaEndpoint kafka, AlertingConfig config, Clock clock, Random random, MeterRegistry registry) {
    this.kafka = kafka;
    this.config = config;
    this.clock = clock;
    this.random = random;
    this.registry = registry;
  }

  /** {@code vigil_deliveries_total{receiver=<type>, outcome=sent|retried|dead_lettered}}. */
  private void count(Notification notification, String outcome) {
    Counter.builder("vigil.deliveries").description("Notification delivery attempts by receiver type and outcome")
        .tag("receiver", notification.receiverType() == null ? "unknown" : notification.receiverType())
        .tag("outcome", outcome).register(registry).increment();
  }

  @Override
  public Future<?> start() {
    retries = new RetryPolicy(config.retryInitialMillis(), config.retryMaxMillis(), config.maxDeliveryAgeSeconds() * 1000L, random);
    limiter = new RateLimiter(clock, config.receiverRatePerSecond(), config.receiverBurst());
    client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
        .setConnectTimeout(config.requestTimeoutMillis()).setUserAgent("Vigil-Alerting/1"));
    ReceiverUrlGuard guard = new ReceiverUrlGuard(vertx, config.allowPrivateReceivers());
    sns = new SnsReceiver(vertx, config.snsEndpoint(), Duration.ofMillis(config.requestTimeoutMillis()));
    Map<String, Receiver> all = new HashMap<>(HttpReceivers.create(client, guard, config, clock));
    all.put("sns", sns);
    all.put("websocket", new StreamReceiver(vertx));
    email = new EmailReceiver(vertx, config.smtp(), config.requestTimeoutMillis(), null);
    all.put("email", email);
    receivers = Map.copyOf(all);
    producer = KafkaProducer.create(vertx, kafka.producerProperties(), String.class, JsonObject.class);
    meters.add(kafka.meters().bind(producer, STAGE));
    api = vertx.eventBus().localConsumer(Addresses.DELIVERIES_API, this::answer);
    TopicReader reader = kafka.reader();
    return vertx.executeBlocking(() -> reader.latestByKey(Topics.DEAD_LETTERS)).compose(failed -> {
      failed.values().forEach(record -> remember(record.getString("deliveryId"), record));
      consumer = KafkaConsumer.create(vertx, kafka.consumerProperties(kafka.group(STAGE)), String.class, JsonObject.class);
      meters.add(kafka.meters().bind(consumer, STAGE));
      consumer.partitionsAssignedHandler(this::onAssigned);
      consumer.partitionsRevokedHandler(this::onRevoked);
      consumer.exceptionHandler(failure -> LOG.warn("delivery consumer: {}", failure.getMessage()));
      consumer.handler(this::onRecord);
      timerId = vertx.setPeriodic(config.tickMillis(), id -> commit());
      return consumer.subscribe(Topics.OUTBOX);
    });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(timerId);
    sns.close();
    email.close();
    return commit().eventually(() -> consumer.close()).eventually(() -> producer.close()).eventually(() -> api.unregister())
        .andThen(closed -> meters.forEach(KafkaClientMeters.Binding::close));
  }

  private void onAssigned(Set<TopicPartition> assigned) {
    assigned.forEach(partition -> watermark.assigned(partition.getPartition()));
  }

  private void onRevoked(Set<TopicPartition> revoked) {
    if (!stopping) {
      // Not on our own close: stop() committed before closing, and the closing consumer must not be used again.
      commit();
    }
    revoked.forEach(partition -> watermark.revoked(partition.getPartition()));
  }

  private void onRecord(KafkaConsumerRecord<String, JsonObject> record) {
    watermark.read(record.partition(), record.offset());
    Notification notification;
    try {
      notification = Notification.fromJson(record.value());
    } catch (RuntimeException e) {
      LOG.warn("delivery: skipping an unreadable outbox record at {}@{}: {}", record.partition(), record.offset(), e.getMessage());
      watermark.finished(record.partition(), record.offset());
      return;
    }
    inFlight++;
    if (inFlight >= config.maxInFlight() && !paused) {
      paused = true;
      consumer.pause();
    }
    track(notification, "pending", 0, "");
    attempt(new Attempt(record.partition(), record.offset(), notification, 1));
  }

  private record Attempt(int partition, long offset, Notification notification, int number) {
    Attempt next() {
      return new Attempt(partition, offset, notification, number + 1);
    }
  }

  private void attempt(Attempt attempt) {
    if (stopping) {
      return;
    }
    long wait = limiter.acquire(attempt.notification().receiverKey());
    if (wait > 0) {
      vertx.setTimer(wait, id -> attempt(attempt));
      return;
    }
    Receiver receiver = receivers.get(attempt.notification().receiverType());
    Future<DeliveryResult> sent = receiver == null
        ? Future.succeededFuture(DeliveryResult.permanent("unknown receiver type " + attempt.notification().receiverType()))
        : receiver.send(attempt.notification()).otherwise(failure -> DeliveryResult.retry(String.valueOf(failure.getMessage())));
    sent.onComplete(done -> onResult(attempt, done.result()));
  }

  private void onResult(Attempt attempt, DeliveryResult result) {
    Notification notification = attempt.notification();
    switch (result.outcome()) {
      case DELIVERED -> {
        count(notification, "sent");
        track(notification, "delivered", attempt.number(), "");
        finish(attempt);
      }
      case PERMANENT -> deadLetter(attempt, result.reason());
      case RETRY -> {
        long delay = retries.delayMillis(attempt.number());
        if (!retries.withinAge(notification.createdAtMillis(), clock.millis() + delay)) {
          deadLetter(attempt, "gave up after " + attempt.number() + " attempts (max age " + config.maxDeliveryAgeSeconds() + "s): " + result.reason());
        } else {
          count(notification, "retried");
          track(notification, "retrying", attempt.number(), result.reason());
          LOG.info("delivery {} to {} ({}) failed: {}; attempt {} in {} ms", notification.deliveryId(), notification.subscription(),
              notification.receiverType(), result.reason(), attempt.number() + 1, delay);
          vertx.setTimer(delay, id -> attempt(attempt.next()));
        }
      }
    }
  }

  private void deadLetter(Attempt attempt, String reason) {
    Notification notification = attempt.notification();
    JsonObject record = notification.toJson()
        .put("receiver", Subscription.maskedReceiver(notification.receiver()))
        .put("status", "failed")
        .put("notificationStatus", notification.status())
        .put("attempts", attempt.number())
        .put("reason", reason)
        .put("failedAt", Instant.ofEpochMilli(clock.millis()).toString());
    producer.send(KafkaProducerRecord.create(Topics.DEAD_LETTERS, notification.deliveryId(), record)).onComplete(written -> {
      if (written.succeeded()) {
        count(notification, "dead_lettered");
        LOG.warn("delivery {} to {} ({}) dead-lettered: {}", notification.deliveryId(), notification.subscription(), notification.receiverType(), reason);
        remember(notification.deliveryId(), record);
        finish(attempt);
      } else {
        LOG.warn("delivery {}: cannot write the dead letter, will try again: {}", notification.deliveryId(), written.cause().getMessage());
        vertx.setTimer(config.retryInitialMillis(), id -> deadLetter(attempt, reason));
      }
    });
  }

  private void finish(Attempt attempt) {
    watermark.finished(attempt.partition(), attempt.offset());
    inFlight--;
    if (paused && inFlight < config.maxInFlight() / 2 + 1) {
      paused = false;
      consumer.resume();
    }
  }

  /** Commits what the watermark allows: never past a notification still in flight. */
  private Future<Void> commit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    watermark.drainCommittable().forEach((partition, next) -> offsets.put(new TopicPartition(Topics.OUTBOX, partition), new OffsetAndMetadata(next, "")));
    if (offsets.isEmpty() || consumer == null) {
      return Future.succeededFuture();
    }
    return consumer.commit(offsets).onFailure(failure -> LOG.warn("delivery: commit failed (those notifications may be re-sent): {}", failure.getMessage())).mapEmpty();
  }

  private void track(Notification notification, String status, int attempts, String reason) {
    JsonObject entry = new JsonObject()
        .put("deliveryId", notification.deliveryId())
        .put("subscription", notification.subscription())
        .put("receiver", Subscription.maskedReceiver(notification.receiver()))
        .put("groupKey", notification.groupKey())
        .put("notificationStatus", notification.status())
        .put("createdAtMillis", notification.createdAtMillis())
        .put("status", status)
        .put("attempts", attempts)
        .put("reason", reason);
    remember(notification.deliveryId(), entry);
  }

  private void remember(String deliveryId, JsonObject entry) {
    deliveries.remove(deliveryId);
    deliveries.put(deliveryId, entry);
    if (deliveries.size() > MAX_REMEMBERED) {
      Iterator<String> oldest = deliveries.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  private void answer(Message<JsonObject> message) {
    String status = message.body().getString("status");
    JsonArray items = new JsonArray();
    List<JsonObject> newestFirst = new ArrayList<>(deliveries.values());
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      JsonObject entry = newestFirst.get(i);
      if (status == null || status.equals(entry.getString("status"))) {
        JsonObject shown = entry.copy();
        shown.remove("payload");
        items.add(shown);
      }
    }
    message.reply(new JsonObject().put("deliveries", items));
  }
}
