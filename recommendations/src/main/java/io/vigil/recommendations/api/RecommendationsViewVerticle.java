package io.vigil.recommendations.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.TopicFollower;
import io.vigil.model.Addresses;
import io.vigil.model.Topics;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of the compacted {@code vigil.recommendations} and
 * {@code vigil.recommendation-actions} from their beginnings, outside any consumer group (every
 * process serving the API needs every recommendation), into a {@link RecommendationBoard}, and
 * publishes each recommendation changed since start on {@link Addresses#STREAM_RECOMMENDATIONS}
 * for the WebSocket {@code recommendations} subscription. A tombstone withdraws a recommendation.
 */
public final class RecommendationsViewVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RecommendationsViewVerticle.class);
  static final String STAGE = "recommendations-view";

  private final KafkaEndpoint kafka;
  private final RecommendationBoard board;
  private TopicFollower follower;
  private long startedAtMillis;

  public RecommendationsViewVerticle(KafkaEndpoint kafka, RecommendationBoard board) {
    this.kafka = kafka;
    this.board = board;
  }

  @Override
  public Future<?> start() {
    startedAtMillis = System.currentTimeMillis();
    follower = new TopicFollower(vertx, kafka, STAGE);
    return follower.follow(List.of(Topics.RECOMMENDATIONS, Topics.RECOMMENDATION_ACTIONS), TopicFollower.fromBeginning(), this::onRecord);
  }

  @Override
  public Future<?> stop() {
    return follower.close();
  }

  private void onRecord(KafkaConsumerRecord<String, JsonObject> record) {
    try {
      if (Topics.RECOMMENDATION_ACTIONS.equals(record.topic())) {
        if (record.value() != null) {
          board.putAction(record.key(), record.value());
        }
        return;
      }
      if (record.value() == null) {
        board.remove(record.key());
        return;
      }
      if (board.put(record.value()) && record.timestamp() >= startedAtMillis) {
        vertx.eventBus().publish(Addresses.STREAM_RECOMMENDATIONS, record.value());
      }
    } catch (RuntimeException e) {
      LOG.warn("recommendations view: skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }
}
