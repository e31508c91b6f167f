package io.vigil.health.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.health.ServiceHealth;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.TopicFollower;
import io.vigil.model.Addresses;
import io.vigil.model.Topics;
import java.util.List;
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
  private TopicFollower follower;
  private long startedAtMillis;

  public HealthViewVerticle(KafkaEndpoint kafka, HealthBoard board) {
    this.kafka = kafka;
    this.board = board;
  }

  @Override
  public Future<?> start() {
    startedAtMillis = System.currentTimeMillis();
    follower = new TopicFollower(vertx, kafka, STAGE);
    return follower.follow(List.of(Topics.HEALTH), TopicFollower.fromBeginning(), this::onRecord);
  }

  @Override
  public Future<?> stop() {
    return follower.close();
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
