package io.vigil.model;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: after n consecutive failures the delay is drawn uniformly
 * from [initial·2^(n-1)/2, initial·2^(n-1)], capped at {@code maxMillis}, so many sources failing
 * together do not retry in lockstep and no failure loops faster than {@code initialMillis / 2}.
 */
public final class Backoff {

  private final long initialMillis;
  private final long maxMillis;
  private final RandomGenerator random;

  public Backoff(long initialMillis, long maxMillis, RandomGenerator random) {
    if (initialMillis < 1 || maxMillis < initialMillis) {
      throw new IllegalArgumentException("need 1 <= initialMillis <= maxMillis, got " + initialMillis + ", " + maxMillis);
    }
    this.initialMillis = initialMillis;
    this.maxMillis = maxMillis;
    this.random = random;
  }

  /** The delay after {@code failures} (at least 1) consecutive failures. */
  public long delayMillis(int failures) {
    int exponent = Math.min(Math.max(failures, 1) - 1, 30);
    long ceiling = Math.min(maxMillis, initialMillis << exponent);
    long floor = Math.max(1, ceiling / 2);
    return floor + (long) (random.nextDouble() * (ceiling - floor));
  }
}
