package io.vigil.engine.alerting.delivery;

import java.util.Random;

/**
 * Exponential backoff with jitter, bounded by a maximum age of the notification: the delay before
 * attempt n+1 is a random value between half and all of {@code min(max, initial * 2^(n-1))}.
 */
public final class RetryPolicy {

  private final long initialMillis;
  private final long maxMillis;
  private final long maxAgeMillis;
  private final Random random;

  public RetryPolicy(long initialMillis, long maxMillis, long maxAgeMillis, Random random) {
    if (initialMillis <= 0 || maxMillis < initialMillis || maxAgeMillis <= 0) {
      throw new IllegalArgumentException("need 0 < initialMillis <= maxMillis and maxAgeMillis > 0");
    }
    this.initialMillis = initialMillis;
    this.maxMillis = maxMillis;
    this.maxAgeMillis = maxAgeMillis;
    this.random = random;
  }

  /** The delay after failed attempt number {@code attempt} (1-based). */
  public long delayMillis(int attempt) {
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long ceiling = Math.min(maxMillis, initialMillis << shift);
    return ceiling / 2 + (long) (random.nextDouble() * (ceiling - ceiling / 2));
  }

  /** Whether a retry at {@code retryAtMillis} is still within the notification's maximum age. */
  public boolean withinAge(long createdAtMillis, long retryAtMillis) {
    return retryAtMillis - createdAtMillis <= maxAgeMillis;
  }
}
