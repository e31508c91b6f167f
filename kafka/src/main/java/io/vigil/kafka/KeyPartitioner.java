package io.vigil.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition Kafka's default partitioner gives a string key: murmur2 of its UTF-8 bytes, made
 * positive, modulo the partition count. Writers that put the values of several keys into one record
 * group them by it, so each value still lands on the partition its own key would have chosen and a
 * series' state stays with one consumer.
 */
public final class KeyPartitioner {

  private KeyPartitioner() {}

  /** The partition of {@code key} in a topic of {@code partitions} partitions. */
  public static int partitionOf(String key, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
    }
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
