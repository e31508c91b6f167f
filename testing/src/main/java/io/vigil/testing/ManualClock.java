package io.vigil.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test advances by hand. */
public final class ManualClock extends Clock {

  private long millis;

  public ManualClock(long startMillis) {
    this.millis = startMillis;
  }

  public void advanceMillis(long delta) {
    millis += delta;
  }

  public void advanceSeconds(long seconds) {
    advanceMillis(seconds * 1000);
  }

  @Override
  public long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
