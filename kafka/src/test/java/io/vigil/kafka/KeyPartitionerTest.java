package io.vigil.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** Grouping by partition is only sound if it is the partition Kafka's own producer would choose. */
class KeyPartitionerTest {

  @Test
  void agreesWithTheProducersBuiltInPartitionerForEveryKeyAndCount() {
    for (int partitions : new int[] {1, 2, 6, 7, 64}) {
      for (int i = 0; i < 2_000; i++) {
        String key = "AWS/ECS|CPUUtilization|ServiceName=svc-" + i + (i % 3 == 0 ? "|é" : "");
        assertThat(KeyPartitioner.partitionOf(key, partitions)).as(key)
            .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions));
      }
    }
  }

  @Test
  void aTopicHasAtLeastOnePartition() {
    assertThatThrownBy(() -> KeyPartitioner.partitionOf("k", 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partitions");
  }
}
