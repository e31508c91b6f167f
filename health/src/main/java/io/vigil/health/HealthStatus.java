package io.vigil.health;

import java.util.Locale;

/** A service's status: from its score's band, or {@code unknown} without data and {@code stale} when its data stopped. */
public enum HealthStatus {
  HEALTHY,
  DEGRADED,
  UNHEALTHY,
  UNKNOWN,
  STALE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static HealthStatus fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
