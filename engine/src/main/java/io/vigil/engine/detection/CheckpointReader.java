package io.vigil.engine.detection;

import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.serialization.JsonObjectDeserializer;
import io.vigil.model.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the newest checkpoint of every series of one partition from the compacted checkpoint
 * topic. Blocking: call it from a worker thread.
 */
final class CheckpointReader {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointReader.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final long TIMEOUT_MILLIS = 60_000;

  private final Map<String, String> properties;

  CheckpointReader(Map<String, String> readerProperties) {
    this.properties = readerProperties;
  }

  Map<String, SeriesCheckpoint> read(int partition) {
    Map<String, Object> config = new HashMap<>(properties);
    TopicPartition topicPartition = new TopicPartition(Topics.DETECTOR_CHECKPOINTS, partition);
    Map<String, SeriesCheckpoint> newest = new HashMap<>();
    try (KafkaConsumer<String, JsonObject> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new JsonObjectDeserializer())) {
      consumer.assign(List.of(topicPartition));
      consumer.seekToBeginning(List.of(topicPartition));
      long end = consumer.endOffsets(List.of(topicPartition)).get(topicPartition);
      long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
      while (consumer.position(topicPartition) < end) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("timed out reading " + topicPartition);
        }
        for (ConsumerRecord<String, JsonObject> record : consumer.poll(POLL)) {
          if (record.value() == null) {
            newest.remove(record.key());
            continue;
          }
          try {
            newest.put(record.key(), SeriesCheckpoint.fromJson(record.value()));
          } catch (RuntimeException e) {
            LOG.warn("skipping an unreadable checkpoint of {} at {}@{}: {}", record.key(), topicPartition, record.offset(), e.getMessage());
          }
        }
      }
    }
    return newest;
  }
}
