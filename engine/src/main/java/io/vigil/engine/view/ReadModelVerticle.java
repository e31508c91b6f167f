package io.vigil.engine.view;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.config.KafkaConfig;
import io.vigil.model.Addresses;
import io.vigil.model.Anomaly;
import io.vigil.model.ScoredPoint;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link ReadStore} up to date: reads every partition of the scores, anomalies and
 * log-events topics from the beginning (outside any consumer group, since every process serving the
 * API needs all of it), and publishes what is new since start on the event bus for live clients.
 */
public final class ReadModelVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ReadModelVerticle.class);
  private static final List<String> TOPICS = List.of(Topics.SCORES, Topics.ANOMALIES, Topics.LOG_EVENTS);

  private final KafkaConfig kafka;
  private final String bootstrap;
  private final ReadStore store;
  private KafkaConsumer<String, JsonObject> consumer;
  private long startedAtMillis;

  public ReadModelVerticle(KafkaConfig kafka, String bootstrap, ReadStore store) {
    this.kafka = kafka;
    this.bootstrap = bootstrap;
    this.store = store;
  }

  @Override
  public Future<?> start() {
    startedAtMillis = System.currentTimeMillis();
    consumer = KafkaConsumer.create(vertx, kafka.readerProperties(bootstrap), String.class, JsonObject.class);
    consumer.exceptionHandler(failure -> LOG.warn("read model consumer: {}", failure.getMessage()));
    consumer.handler(this::onRecord);
    List<Future<Set<TopicPartition>>> lookups = new ArrayList<>();
    for (String topic : TOPICS) {
      lookups.add(consumer.partitionsFor(topic).map(infos -> {
        Set<TopicPartition> partitions = new HashSet<>();
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.getPartition())));
        return partitions;
      }));
    }
    return Future.all(lookups).compose(found -> {
      Set<TopicPartition> all = new HashSet<>();
      lookups.forEach(lookup -> all.addAll(lookup.result()));
      return consumer.assign(all).compose(assigned -> consumer.seekToBeginning(all));
    });
  }

  @Override
  public Future<?> stop() {
    return consumer.close();
  }

  private void onRecord(KafkaConsumerRecord<String, JsonObject> record) {
    boolean live = record.timestamp() >= startedAtMillis;
    try {
      switch (record.topic()) {
        case Topics.SCORES -> {
          ScoredPoint point = Wire.scoredPoint(record.value());
          if (store.addPoint(point) && live) {
            vertx.eventBus().publish(Addresses.STREAM_POINTS, record.value());
          }
        }
        case Topics.ANOMALIES -> {
          Anomaly anomaly = Wire.anomaly(record.value());
          if (store.addAnomaly(anomaly) && live) {
            vertx.eventBus().publish(Addresses.STREAM_ANOMALIES, record.value());
          }
        }
        case Topics.LOG_EVENTS -> store.addLogEvent(Wire.logEvent(record.value()));
        default -> LOG.warn("read model: record from unexpected topic {}", record.topic());
      }
    } catch (RuntimeException e) {
      LOG.warn("read model: skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }
}
