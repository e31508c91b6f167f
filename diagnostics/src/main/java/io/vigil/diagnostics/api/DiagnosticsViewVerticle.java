package io.vigil.diagnostics.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.diagnostics.Diagnosis;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.TopicFollower;
import io.vigil.model.Topics;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of the compacted {@code vigil.diagnostics} from its beginning, outside any
 * consumer group (every process serving the API needs every service), into a {@link DiagnosisBoard}.
 */
public final class DiagnosticsViewVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DiagnosticsViewVerticle.class);
  static final String STAGE = "diagnostics-view";

  private final KafkaEndpoint kafka;
  private final DiagnosisBoard board;
  private TopicFollower follower;

  public DiagnosticsViewVerticle(KafkaEndpoint kafka, DiagnosisBoard board) {
    this.kafka = kafka;
    this.board = board;
  }

  @Override
  public Future<?> start() {
    follower = new TopicFollower(vertx, kafka, STAGE);
    return follower.follow(List.of(Topics.DIAGNOSTICS), TopicFollower.fromBeginning(), this::onRecord);
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
      board.put(Diagnosis.fromJson(record.value()));
    } catch (RuntimeException e) {
      LOG.warn("diagnostics view: skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }
}
