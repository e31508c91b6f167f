package io.vigil.health.insight;

import java.util.Locale;

/** An insight is open while its service is out of the healthy band, closed after the quiet period. */
public enum InsightStatus {
  OPEN,
  CLOSED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static InsightStatus fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
