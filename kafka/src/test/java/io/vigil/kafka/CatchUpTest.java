package io.vigil.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.kafka.client.common.TopicPartition;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catch-up tracker against offsets built by hand. */
class CatchUpTest {

  private static final TopicPartition SCORES_0 = new TopicPartition("scores", 0);
  private static final TopicPartition SCORES_1 = new TopicPartition("scores", 1);
  private static final TopicPartition AUDIT_0 = new TopicPartition("audit", 0);

  @Test
  void caughtUpOnlyWhenEveryPartitionReachedTheEndSeenAtStart() {
    CatchUp catchUp = new CatchUp();
    assertThat(catchUp.caughtUp()).isFalse();
    assertThat(catchUp.progress().getString("status")).isEqualTo("starting");

    // scores-0: 10..14 to read; scores-1: 100..101; audit-0: empty
    catchUp.begin(Map.of(SCORES_0, 10L, SCORES_1, 100L, AUDIT_0, 0L), Map.of(SCORES_0, 15L, SCORES_1, 102L, AUDIT_0, 0L));
    assertThat(catchUp.caughtUp()).isFalse();
    assertThat(catchUp.progress().getLong("recordsAtStart")).isEqualTo(7);
    assertThat(catchUp.progress().getInteger("partitionsBehind")).isEqualTo(2);

    catchUp.applied("scores", 0, 10);
    catchUp.applied("scores", 0, 12); // a gap (compaction) is fine
    catchUp.applied("scores", 1, 101);
    assertThat(catchUp.caughtUp()).as("scores-0 still has offsets 13 and 14 to read").isFalse();
    assertThat(catchUp.progress().getLong("recordsRead")).isEqualTo(3 + 2);
    assertThat(catchUp.progress().getInteger("partitionsBehind")).isEqualTo(1);
    assertThat(catchUp.progress().getString("status")).isEqualTo("catching up");

    catchUp.applied("scores", 1, 105); // records written after start count for nothing more
    catchUp.applied("audit", 0, 0);
    catchUp.applied("other", 0, 99);
    assertThat(catchUp.caughtUp()).isFalse();

    catchUp.applied("scores", 0, 14);
    assertThat(catchUp.caughtUp()).isTrue();
    assertThat(catchUp.progress().getLong("recordsRead")).isEqualTo(7);
    assertThat(catchUp.progress().getInteger("partitionsBehind")).isZero();
    assertThat(catchUp.progress().getString("status")).isEqualTo("caught up");
  }

  @Test
  void nothingToReadIsCaughtUpAtOnceAndTargetsAreSetOnce() {
    CatchUp catchUp = new CatchUp();
    catchUp.begin(Map.of(SCORES_0, 7L), Map.of(SCORES_0, 7L));
    assertThat(catchUp.caughtUp()).isTrue();
    assertThatThrownBy(() -> catchUp.begin(Map.of(), Map.of())).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new CatchUp().begin(Map.of(SCORES_0, 0L), Map.of())).hasMessageContaining("scores");
  }

  @Test
  void aPartitionEndingInTransactionMarkersCatchesUpByItsPosition() {
    CatchUp catchUp = new CatchUp();
    TopicPartition events = new TopicPartition("vigil.log-events", 0);
    // Records at 0 and 1, then a commit marker at 2: the end offset is 3.
    catchUp.begin(Map.of(events, 0L), Map.of(events, 3L));
    catchUp.applied("vigil.log-events", 0, 0);
    catchUp.applied("vigil.log-events", 0, 1);
    assertThat(catchUp.caughtUp()).as("no record at offset 2 will ever arrive").isFalse();
    assertThat(catchUp.partitionsBehind()).containsExactly(events);
    catchUp.positioned(events, 2);
    assertThat(catchUp.caughtUp()).isFalse();
    catchUp.positioned(events, 3);
    assertThat(catchUp.caughtUp()).isTrue();
    assertThat(catchUp.partitionsBehind()).isEmpty();
  }
}
