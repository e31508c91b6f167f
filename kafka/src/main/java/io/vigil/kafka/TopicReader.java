package io.vigil.kafka;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
 * Reads partitions of a topic from the beginning to the end they had when the read started,
 * outside any consumer group, with the reader properties it is given (read_committed in Vigil, so
 * records of aborted transactions are never seen). The one way every stage restores state from a
 * compacted topic: checkpoints, cursors, subscriptions, alerts. Blocking: call it from a worker.
 */
public final class TopicReader {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Map<String, String> properties;

  public TopicReader(Map<String, String> readerProperties) {
    this.properties = Map.copyOf(readerProperties);
  }

  /**
   * The newest value of every key of a topic, and the offset after the last record read in each
   * partition, from which a reader continues without missing or repeating a record.
   */
  public record Snapshot(Map<String, JsonObject> latest, Map<Integer, Long> endOffsets) {}

  /**
   * The newest value of every key (a null value deletes the key, and so does an unreadable one,
   * which {@link RecordValueDeserializer} logs), in first-seen order.
   */
  public Map<String, JsonObject> latestByKey(String topic) {
    return snapshot(topic).latest();
  }

  /** {@link #latestByKey(String)} of one partition. */
  public Map<String, JsonObject> latestByKey(String topic, int partition) {
    Map<String, JsonObject> latest = new LinkedHashMap<>();
    read(topic, List.of(partition), (key, value) -> keepLatest(latest, key, value));
    return latest;
  }

  /** {@link #latestByKey(String)} with the end offsets it read to. */
  public Snapshot snapshot(String topic) {
    Map<String, JsonObject> latest = new LinkedHashMap<>();
    Map<Integer, Long> ends = read(topic, (key, value) -> keepLatest(latest, key, value));
    return new Snapshot(latest, ends);
  }

  /** How many partitions the topic has. */
  public int partitionCount(String topic) {
    try (KafkaConsumer<String, JsonObject> consumer = consumer()) {
      return consumer.partitionsFor(topic, TIMEOUT).size();
    }
  }

  /** Every record of every partition, in partition order, to {@code sink}; returns the end offsets read to. */
  public Map<Integer, Long> read(String topic, BiConsumer<String, JsonObject> sink) {
    return read(topic, null, sink);
  }

  /**
   * Every record of the given partitions (all when null) to {@code sink}; returns the end offset read
   * to, by partition.
   */
  public Map<Integer, Long> read(String topic, Collection<Integer> only, BiConsumer<String, JsonObject> sink) {
    try (KafkaConsumer<String, JsonObject> consumer = consumer()) {
      List<TopicPartition> partitions = new ArrayList<>();
      if (only == null) {
        for (PartitionInfo info : consumer.partitionsFor(topic, TIMEOUT)) {
          partitions.add(new TopicPartition(topic, info.partition()));
        }
      } else {
        only.forEach(partition -> partitions.add(new TopicPartition(topic, partition)));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
      long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
      while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("timed out reading " + topic + " to its end");
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

  private KafkaConsumer<String, JsonObject> consumer() {
    return new KafkaConsumer<>(new HashMap<>(properties), new StringDeserializer(), new RecordValueDeserializer());
  }

  private static void keepLatest(Map<String, JsonObject> latest, String key, JsonObject value) {
    if (value == null) {
      latest.remove(key);
    } else {
      latest.put(key, value);
    }
  }
}
