package io.vigil.alerting;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;

/** Where the alerting stage writes its records: a Kafka producer in the verticle, a list in tests. */
interface RecordWriter {

  /** Writes one record (a null value is a tombstone); completes once Kafka has acknowledged it. */
  Future<Void> send(String topic, String key, JsonObject value);

  /** Completes once every record sent before it is acknowledged. */
  Future<Void> flush();

  static RecordWriter of(KafkaProducer<String, JsonObject> producer) {
    return new RecordWriter() {
      @Override
      public Future<Void> send(String topic, String key, JsonObject value) {
        return producer.send(KafkaProducerRecord.create(topic, key, value)).mapEmpty();
      }

      @Override
      public Future<Void> flush() {
        return producer.flush();
      }
    };
  }
}
