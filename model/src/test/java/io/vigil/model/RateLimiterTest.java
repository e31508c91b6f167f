package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  /** A clock moved by hand. */
  private static final class HandClock extends Clock {
    private long millis;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }

  @Test
  void eachKeyHasItsOwnBucket() {
    HandClock clock = new HandClock();
    RateLimiter limiter = new RateLimiter(clock, 2.0, 3);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("webhook:slow")).isZero();
    }
    assertThat(limiter.acquire("webhook:slow")).isEqualTo(500);
    assertThat(limiter.acquire("webhook:other")).as("another key is not held up").isZero();
    clock.millis += 500;
    assertThat(limiter.acquire("webhook:slow")).isZero();
    assertThat(limiter.acquire("webhook:slow")).isPositive();
  }

  @Test
  void bucketsThatRefilledAreForgottenSoManyKeysDoNotGrowWithoutBound() {
    HandClock clock = new HandClock();
    RateLimiter limiter = new RateLimiter(clock, 10.0, 5);
    for (int i = 0; i < 5000; i++) {
      limiter.acquire("10.0." + (i / 256) + "." + (i % 256));
      clock.millis += 1;
    }
    // Each bucket refills in half a second, so only the keys used in the last half second stay.
    assertThat(limiter.size()).isLessThan(1024 + 500);
    clock.millis += 1000;
    limiter.acquire("fresh");
    assertThat(limiter.acquire("fresh")).isZero();
  }

  @Test
  void aRateOrBurstThatAdmitsNothingIsRefused() {
    assertThatThrownBy(() -> new RateLimiter(Clock.systemUTC(), 0, 1)).hasMessageContaining("perSecond");
    assertThatThrownBy(() -> new RateLimiter(Clock.systemUTC(), 1, 0)).hasMessageContaining("burst");
  }
}
