package io.vigil.engine.alerting;

import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.serialization.JsonObjectDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every partition of a topic from the beginning to the end it had when the read started,
 * outside any consumer group. Blocking: call it from a worker thread.
 */
public final class TopicSnapshotReader {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final long TIMEOUT_MILLIS = 60_000;

  private final Map<String, String> properties;

  public TopicSnapshotReader(Map<String, String> readerProperties) {
    this.properties = readerProperties;
  }

  /**
   * The newest value of every key of a topic, and the offset after the last record read in each
   * partition, from which a reader continues without missing or repeating a record.
   */
  public record Snapshot(Map<String, JsonObject> latest, Map<Integer, Long> endOffsets) {}

  /** The newest value of every key (a null value deletes the key), in first-seen order. */
  public Map<String, JsonObject> latestByKey(String topic) {
    return snapshot(topic).latest();
  }

  /** {@link #latestByKey} with the end offsets it read to. */
  public Snapshot snapshot(String topic) {
    Map<String, JsonObject> latest = new LinkedHashMap<>();
    Map<Integer, Long> ends = read(topic, (key, value) -> {
      if (value == null) {
        latest.remove(key);
      } else {
        latest.put(key, value);
      }
    });
    return new Snapshot(latest, ends);
  }

  /** How many partitions the topic has. */
  public int partitionCount(String topic) {
    Map<String, Object> config = new HashMap<>(properties);
    try (KafkaConsumer<String, JsonObject> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new JsonObjectDeserializer())) {
      return consumer.partitionsFor(topic).size();
    }
  }

  /** Every record, in partition order, to {@code sink}; returns the end offset read to, by partition. */
  public Map<Integer, Long> read(String topic, BiConsumer<String, JsonObject> sink) {
    Map<String, Object> config = new HashMap<>(properties);
    try (KafkaConsumer<String, JsonObject> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new JsonObjectDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
      while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("timed out reading " + topic);
        }
        for (ConsumerRecord<String, JsonObject> record : consumer.poll(POLL)) {
          sink.accept(record.key(), record.value());
        }
      }
      Map<Integer, Long> endsByPartition = new HashMap<>();
      ends.forEach((partition, end) -> endsByPartition.put(partition.partition(), end));
      return endsByPartition;
    }
  }
}
