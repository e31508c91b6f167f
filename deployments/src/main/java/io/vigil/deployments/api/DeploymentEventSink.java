package io.vigil.deployments.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.model.DeploymentEvent;
import io.vigil.model.Topics;
import io.vigil.model.Wire;

/** Where announced deployment events go: {@code vigil.deployment-events}, keyed by service. */
@FunctionalInterface
public interface DeploymentEventSink {

  /** Completes once Kafka acknowledged the event. */
  Future<Void> publish(DeploymentEvent event);

  static DeploymentEventSink kafka(Vertx vertx, KafkaEndpoint kafka) {
    KafkaProducer<String, JsonObject> producer = KafkaProducer.createShared(vertx, "vigil-deployment-events", kafka.producerProperties(),
        String.class, JsonObject.class);
    return event -> producer.send(KafkaProducerRecord.create(Topics.DEPLOYMENT_EVENTS, event.service(), Wire.deploymentEvent(event))).mapEmpty();
  }
}
