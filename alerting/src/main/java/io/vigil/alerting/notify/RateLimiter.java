package io.vigil.alerting.notify;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** A token bucket per receiver, so one receiver's flood waits without holding up the others. Not thread-safe. */
public final class RateLimiter {

  private final Clock clock;
  private final double tokensPerMilli;
  private final double burst;
  private final Map<String, double[]> buckets = new HashMap<>();

  public RateLimiter(Clock clock, double perSecond, int burst) {
    this.clock = clock;
    this.tokensPerMilli = perSecond / 1000.0;
    this.burst = burst;
  }

  /** Takes a token for {@code key} and returns 0, or returns how long to wait before asking again. */
  public long acquire(String key) {
    long now = clock.millis();
    double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {burst, now});
    bucket[0] = Math.min(burst, bucket[0] + (now - bucket[1]) * tokensPerMilli);
    bucket[1] = now;
    if (bucket[0] >= 1.0) {
      bucket[0] -= 1.0;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1.0 - bucket[0]) / tokensPerMilli));
  }
}
