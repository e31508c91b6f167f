package io.vigil.ingest.cursor;

import io.vertx.core.json.JsonObject;
import io.vigil.config.KafkaConfig;
import io.vigil.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the committed cursors of one source from the compacted {@link Topics#SOURCE_CURSORS} topic.
 * Blocking: call it from a worker (executeBlocking), once, before the source starts polling.
 */
public final class SourceCursors {

  private static final Duration POLL = Duration.ofMillis(500);
  private static final long TIMEOUT_MILLIS = 60_000;

  private SourceCursors() {}

  /** The key of a cursor: {@code <source>/<item>}. */
  public static String key(String source, String item) {
    return source + "/" + item;
  }

  /**
   * Every cursor of {@code source} keyed by item (the part after {@code <source>/}); a tombstone
   * removes an item. Reads with isolation.level=read_committed, so cursors of aborted transactions
   * (a crash between sending and committing) are never seen.
   */
  public static Map<String, JsonObject> load(KafkaConfig kafka, String bootstrap, String source) {
    Map<String, String> properties = kafka.readerProperties(bootstrap);
    Map<String, Object> config = new HashMap<>(properties);
    String prefix = source + "/";
    Map<String, JsonObject> cursors = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(Topics.SOURCE_CURSORS, Duration.ofMillis(TIMEOUT_MILLIS))) {
        partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofMillis(TIMEOUT_MILLIS));
      long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
      while (!caughtUp(consumer, end)) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("timed out reading " + Topics.SOURCE_CURSORS);
        }
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          if (record.key() == null || !record.key().startsWith(prefix)) {
            continue;
          }
          String item = record.key().substring(prefix.length());
          if (record.value() == null) {
            cursors.remove(item);
          } else {
            cursors.put(item, new JsonObject(record.value()));
          }
        }
      }
    }
    return cursors;
  }

  private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
      if (consumer.position(partition.getKey()) < partition.getValue()) {
        return false;
      }
    }
    return true;
  }
}
