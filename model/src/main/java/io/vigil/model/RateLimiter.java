package io.vigil.model;

import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A token bucket per key (a receiver, a client address), so one key's flood waits without holding
 * up the others. A bucket that has refilled is the same as no bucket, so buckets are dropped once
 * full again: memory follows the keys active within a refill time, not every key ever seen.
 * Thread-safe.
 */
public final class RateLimiter {

  /** Sweep for refilled buckets once the map holds this many. */
  private static final int SWEEP_ABOVE = 1024;

  private final Clock clock;
  private final double tokensPerMilli;
  private final double burst;
  private final Map<String, double[]> buckets = new HashMap<>();
  private int sweepAt = SWEEP_ABOVE;

  public RateLimiter(Clock clock, double perSecond, int burst) {
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("perSecond must be above 0 and burst at least 1, were " + perSecond + " and " + burst);
    }
    this.clock = clock;
    this.tokensPerMilli = perSecond / 1000.0;
    this.burst = burst;
  }

  /** Takes a token for {@code key} and returns 0, or returns how long to wait before asking again. */
  public synchronized long acquire(String key) {
    long now = clock.millis();
    if (buckets.size() >= sweepAt) {
      sweep(now);
    }
    double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {burst, now});
    bucket[0] = refilled(bucket, now);
    bucket[1] = now;
    if (bucket[0] >= 1.0) {
      bucket[0] -= 1.0;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1.0 - bucket[0]) / tokensPerMilli));
  }

  /** Buckets held now (those that have not refilled since their last use, after a sweep). */
  public synchronized int size() {
    return buckets.size();
  }

  private double refilled(double[] bucket, long now) {
    return Math.min(burst, bucket[0] + (now - bucket[1]) * tokensPerMilli);
  }

  private void sweep(long now) {
    for (Iterator<double[]> iterator = buckets.values().iterator(); iterator.hasNext(); ) {
      if (refilled(iterator.next(), now) >= burst) {
        iterator.remove();
      }
    }
    // Sweep again when the map has doubled over what is left, so sweeping stays linear overall.
    sweepAt = Math.max(SWEEP_ABOVE, buckets.size() * 2);
  }
}
