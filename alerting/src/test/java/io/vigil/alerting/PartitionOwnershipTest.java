package io.vigil.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** Which series and groups a process owns, and what an assignment hands over. */
class PartitionOwnershipTest {

  private final PartitionOwnership ownership = new PartitionOwnership(6);

  @Test
  void aKeyBelongsToThePartitionTheProducerSendsItTo() {
    for (String key : List.of("AWS/ECS|CPUUtilization|ServiceName=api", "ops:{service=\"api\"}", "silence/si-1", "")) {
      assertThat(ownership.partitionOf(key)).as(key)
          .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 6));
    }
  }

  @Test
  void anAssignmentSaysWhatWentAndWhatCame() {
    assertThat(ownership.assigned(Set.of(0, 1, 2))).isEqualTo(new PartitionOwnership.Change(Set.of(0, 1, 2), Set.of(), Set.of(0, 1, 2)));
    assertThat(ownership.assigned(Set.of(2, 3))).isEqualTo(new PartitionOwnership.Change(Set.of(2, 3), Set.of(0, 1), Set.of(3)));
    String key = keyOnPartition(3);
    assertThat(ownership.owns(key)).isTrue();
    assertThat(ownership.owns(keyOnPartition(0))).isFalse();
  }

  @Test
  void aRevokeStopsApplyingRecordsAndTicksUntilTheNextAssignmentButKeepsWhatIsHeld() {
    ownership.assigned(Set.of(0, 1));
    assertThat(ownership.rebalancing()).isFalse();
    assertThat(ownership.consumes(1)).isTrue();

    ownership.revoked(Set.of(0, 1));
    assertThat(ownership.rebalancing()).isTrue();
    assertThat(ownership.consumes(1)).as("a record fetched before the revoke is not applied").isFalse();
    assertThat(ownership.owns(keyOnPartition(1))).as("held until the assignment shows what stays").isTrue();

    PartitionOwnership.Change change = ownership.assigned(Set.of(1));
    assertThat(ownership.rebalancing()).isFalse();
    assertThat(ownership.consumes(1)).isTrue();
    assertThat(change.gone()).containsExactly(0);
    assertThat(change.added()).as("a partition that stayed is not taken again").isEmpty();
  }

  @Test
  void aTopicWithoutPartitionsIsRefused() {
    assertThatThrownBy(() -> new PartitionOwnership(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partitions");
  }

  private String keyOnPartition(int partition) {
    for (int i = 0; ; i++) {
      String key = "series-" + i;
      if (ownership.partitionOf(key) == partition) {
        return key;
      }
    }
  }
}
