package io.vigil.logpatterns.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.TopicFollower;
import io.vigil.logpatterns.PatternSummary;
import io.vigil.model.Topics;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of the compacted {@code vigil.log-patterns} from its beginning, outside any
 * consumer group (every process serving the API needs every group), into a {@link PatternBoard}.
 */
public final class PatternsViewVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PatternsViewVerticle.class);
  static final String STAGE = "log-patterns-view";

  private final KafkaEndpoint kafka;
  private final PatternBoard board;
  private TopicFollower follower;

  public PatternsViewVerticle(KafkaEndpoint kafka, PatternBoard board) {
    this.kafka = kafka;
    this.board = board;
  }

  @Override
  public Future<?> start() {
    follower = new TopicFollower(vertx, kafka, STAGE);
    return follower.follow(List.of(Topics.LOG_PATTERNS), TopicFollower.fromBeginning(), this::onRecord);
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
      board.put(PatternSummary.fromJson(record.value()));
    } catch (RuntimeException e) {
      LOG.warn("log-patterns view: skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }
}
