package io.vigil.alerting.notify;

import io.vigil.model.Backoff;
import java.util.Random;

/**
 * When to retry a notification: the shared jittered {@link Backoff} (a random delay between half and
 * all of {@code min(max, initial * 2^(n-1))} after n failures), bounded by a maximum age of the
 * notification, after which it is dead-lettered.
 */
public final class RetryPolicy {

  private final Backoff backoff;
  private final long maxAgeMillis;

  public RetryPolicy(long initialMillis, long maxMillis, long maxAgeMillis, Random random) {
    if (maxAgeMillis <= 0) {
      throw new IllegalArgumentException("need maxAgeMillis > 0, got " + maxAgeMillis);
    }
    this.backoff = new Backoff(initialMillis, maxMillis, random);
    this.maxAgeMillis = maxAgeMillis;
  }

  /** The delay after failed attempt number {@code attempt} (1-based). */
  public long delayMillis(int attempt) {
    return backoff.delayMillis(attempt);
  }

  /** Whether a retry at {@code retryAtMillis} is still within the notification's maximum age. */
  public boolean withinAge(long createdAtMillis, long retryAtMillis) {
    return retryAtMillis - createdAtMillis <= maxAgeMillis;
  }
}
