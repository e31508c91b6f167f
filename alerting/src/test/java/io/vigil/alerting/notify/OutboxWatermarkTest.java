package io.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committable outbox offset never passes a delivery still in flight. */
class OutboxWatermarkTest {

  private final OutboxWatermark watermark = new OutboxWatermark();

  @Test
  void aSlowDeliveryHoldsBackTheCommitUntilItFinishes() {
    watermark.assigned(0);
    watermark.read(0, 10);
    watermark.read(0, 11);
    watermark.read(0, 12);
    watermark.finished(0, 11);
    watermark.finished(0, 12);
    assertThat(watermark.drainCommittable()).as("10 is still in flight").isEmpty();
    watermark.finished(0, 10);
    assertThat(watermark.drainCommittable()).isEqualTo(Map.of(0, 13L));
    assertThat(watermark.drainCommittable()).as("each offset is handed out once").isEmpty();
  }

  @Test
  void theCommitStopsBelowTheOldestUnfinishedDelivery() {
    watermark.assigned(0);
    for (long offset = 0; offset < 5; offset++) {
      watermark.read(0, offset);
    }
    watermark.finished(0, 0);
    watermark.finished(0, 1);
    watermark.finished(0, 3);
    assertThat(watermark.drainCommittable()).isEqualTo(Map.of(0, 2L));
    watermark.finished(0, 2);
    assertThat(watermark.drainCommittable()).isEqualTo(Map.of(0, 4L));
    watermark.finished(0, 4);
    assertThat(watermark.drainCommittable()).isEqualTo(Map.of(0, 5L));
  }

  @Test
  void partitionsAdvanceIndependently() {
    watermark.assigned(0);
    watermark.assigned(1);
    watermark.read(0, 7);
    watermark.read(1, 3);
    watermark.finished(1, 3);
    assertThat(watermark.drainCommittable()).isEqualTo(Map.of(1, 4L));
  }

  @Test
  void aRevokedPartitionIsForgottenAndItsLateFinishesIgnored() {
    watermark.assigned(0);
    watermark.read(0, 1);
    watermark.revoked(0);
    watermark.finished(0, 1);
    assertThat(watermark.drainCommittable()).isEmpty();

    watermark.assigned(0);
    watermark.read(0, 5);
    watermark.finished(0, 5);
    assertThat(watermark.drainCommittable()).as("reassigned: starts from what is read now").isEqualTo(Map.of(0, 6L));
  }

  @Test
  void aRecordReadBeforeItsAssignmentIsTrackedToo() {
    watermark.read(2, 0);
    watermark.finished(2, 0);
    assertThat(watermark.drainCommittable()).isEqualTo(Map.of(2, 1L));
  }
}
