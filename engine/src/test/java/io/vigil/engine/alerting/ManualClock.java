package io.vigil.engine.alerting;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test advances by hand. */
final class ManualClock extends Clock {

  private long millis;

  ManualClock(long startMillis) {
    this.millis = startMillis;
  }

  void advanceMillis(long delta) {
    millis += delta;
  }

  void advanceSeconds(long seconds) {
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
