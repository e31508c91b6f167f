package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delaysDoubleWithJitterUpToTheCap() {
    Backoff backoff = new Backoff(1000, 30_000, new SplittableRandom(7));
    for (int failures = 1; failures <= 40; failures++) {
      long ceiling = Math.min(30_000, 1000L << Math.min(failures - 1, 30));
      long delay = backoff.delayMillis(failures);
      assertThat(delay).as("after %d failures", failures).isBetween(ceiling / 2, ceiling);
    }
  }

  @Test
  void neverRetriesFasterThanHalfTheInitialDelay() {
    Backoff backoff = new Backoff(500, 500, new SplittableRandom(1));
    for (int i = 0; i < 100; i++) {
      assertThat(backoff.delayMillis(0)).isBetween(250L, 500L);
    }
  }

  @Test
  void refusesBoundsOutOfOrder() {
    assertThatThrownBy(() -> new Backoff(0, 10, new SplittableRandom())).hasMessageContaining("initialMillis");
    assertThatThrownBy(() -> new Backoff(100, 10, new SplittableRandom())).hasMessageContaining("maxMillis");
  }
}
