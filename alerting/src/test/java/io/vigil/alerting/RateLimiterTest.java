package io.vigil.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.notify.RateLimiter;
import io.vigil.testing.ManualClock;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void eachReceiverHasItsOwnBucket() {
    ManualClock clock = new ManualClock(0);
    RateLimiter limiter = new RateLimiter(clock, 2.0, 3);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("webhook:slow")).isZero();
    }
    assertThat(limiter.acquire("webhook:slow")).isEqualTo(500);
    assertThat(limiter.acquire("webhook:other")).as("another receiver is not held up").isZero();
    clock.advanceMillis(500);
    assertThat(limiter.acquire("webhook:slow")).isZero();
    assertThat(limiter.acquire("webhook:slow")).isPositive();
  }
}
