package io.vigil.health.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.health.ServiceHealth;
import io.vigil.health.insight.Insight;
import io.vigil.kafka.CatchUp;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.TopicFollower;
import io.vigil.model.Addresses;
import io.vigil.model.Topics;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of the compacted {@code vigil.health} and {@code vigil.insights} from
 * their beginning, outside any consumer group (every process serving the API needs every service),
 * into a {@link HealthBoard} and an {@link InsightBoard}, and publishes each change made since
 * start on {@link Addresses#STREAM_HEALTH} and {@link Addresses#STREAM_INSIGHTS} for the
 * WebSocket {@code health} and {@code insights} subscriptions. It reports to a {@link CatchUp} how
 * much of what the topics held at start it has read, so a restarted engine is ready only once the
 * health API shows every service again.
 */
public final class HealthViewVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HealthViewVerticle.class);
  static final String STAGE = "health-view";

  private final KafkaEndpoint kafka;
  private final HealthBoard board;
  private final InsightBoard insights;
  private final CatchUp catchUp;
  private TopicFollower follower;
  private long startedAtMillis;

  public HealthViewVerticle(KafkaEndpoint kafka, HealthBoard board, InsightBoard insights, CatchUp catchUp) {
    this.kafka = kafka;
    this.board = board;
    this.insights = insights;
    this.catchUp = catchUp;
  }

  @Override
  public Future<?> start() {
    startedAtMillis = System.currentTimeMillis();
    follower = new TopicFollower(vertx, kafka, STAGE);
    return follower.follow(List.of(Topics.HEALTH, Topics.INSIGHTS), (consumer, partitions) -> TopicFollower.fromBeginning()
        .position(consumer, partitions).compose(positioned -> catchUp.track(vertx, consumer, partitions)), this::onRecord);
  }

  @Override
  public Future<?> stop() {
    catchUp.stop(vertx);
    return follower.close();
  }

  private void onRecord(KafkaConsumerRecord<String, JsonObject> record) {
    try {
      if (record.value() != null) {
        apply(record);
      }
    } finally {
      catchUp.applied(record.topic(), record.partition(), record.offset());
    }
  }

  private void apply(KafkaConsumerRecord<String, JsonObject> record) {
    boolean recent = record.timestamp() >= startedAtMillis;
    try {
      if (record.topic().equals(Topics.INSIGHTS)) {
        Insight insight = Insight.fromJson(record.value());
        if (insights.put(insight) && recent) {
          vertx.eventBus().publish(Addresses.STREAM_INSIGHTS, insight.summaryJson());
        }
      } else if (board.put(ServiceHealth.fromJson(record.value())) && recent) {
        vertx.eventBus().publish(Addresses.STREAM_HEALTH, record.value());
      }
    } catch (RuntimeException e) {
      LOG.warn("health view: skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }
}
