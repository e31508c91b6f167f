package io.vigil.health.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.health.ServiceHealth;
import io.vigil.kafka.KafkaClientMeters;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.model.Addresses;
import io.vigil.model.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of the compacted {@code vigil.health} from its beginning, outside any
 * consumer group (every process serving the API needs every service), into a {@link HealthBoard},
 * and publishes each change made since start on {@link Addresses#STREAM_HEALTH} for the WebSocket
 * {@code health} subscription.
 */
public final class HealthViewVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HealthViewVerticle.class);
  static final String STAGE = "health-view";

  private final KafkaEndpoint kafka;
  private final HealthBoard board;
  private final List<KafkaClientMeters.Binding> meters = new ArrayList<>();
  private KafkaConsumer<String, JsonObject> consumer;
  private long startedAtMillis;

  public HealthViewVerticle(KafkaEndpoint kafka, HealthBoard board) {
    this.kafka = kafka;
    this.board = board;
  }

  @Override
  public Future<?> start() {
    startedAtMillis = System.currentTimeMillis();
    consumer = KafkaConsumer.create(vertx, kafka.readerProperties(), String.class, JsonObject.class);
    meters.add(kafka.meters().bind(consumer, STAGE));
    consumer.exceptionHandler(failure -> LOG.warn("health view consumer: {}", failure.getMessage()));
    return consumer.partitionsFor(Topics.HEALTH).compose(infos -> {
      Set<TopicPartition> all = new HashSet<>();
      infos.forEach(info -> all.add(new TopicPartition(Topics.HEALTH, info.getPartition())));
      // The handler starts the fetching, so it comes after the seek.
      return consumer.assign(all).compose(assigned -> consumer.seekToBeginning(all)).onSuccess(sought -> consumer.handler(this::onRecord));
    });
  }

  @Override
  public Future<?> stop() {
    return consumer.close().andThen(closed -> meters.forEach(KafkaClientMeters.Binding::close));
  }

  private void onRecord(KafkaConsumerRecord<String, JsonObject> record) {
    if (record.value() == null) {
      return;
    }
    try {
      if (board.put(ServiceHealth.fromJson(record.value())) && record.timestamp() >= startedAtMillis) {
        vertx.eventBus().publish(Addresses.STREAM_HEALTH, record.value());
      }
    } catch (RuntimeException e) {
      LOG.warn("health view: skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }
}
