package io.vigil.recommendations.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.model.Topics;

/**
 * Where applies and rollbacks are kept: each recommendation's latest action (the revision it ran
 * before, the one applied, when, and whether it was rolled back) on the compacted
 * {@code vigil.recommendation-actions}, so that any process, also after a restart, can roll back.
 */
@FunctionalInterface
public interface ActionLog {

  /** Completes once the action is durable; the board shows it from then on. */
  Future<Void> write(String recommendationId, JsonObject action);

  /** Kafka's: acknowledged by the broker, then put on the board at once (the view follows a moment later). */
  static ActionLog kafka(Vertx vertx, KafkaEndpoint kafka, RecommendationBoard board) {
    KafkaProducer<String, JsonObject> producer = KafkaProducer.createShared(vertx, "vigil-recommendation-actions", kafka.producerProperties(),
        String.class, JsonObject.class);
    return (id, action) -> producer.send(KafkaProducerRecord.create(Topics.RECOMMENDATION_ACTIONS, id, action))
        .onSuccess(written -> board.putAction(id, action)).mapEmpty();
  }
}
