package io.vigil.health;

import java.util.Locale;

/** The kinds of deduction, in the order that breaks a tie for the top reason: errors first. */
public enum ComponentKind {
  ERRORS,
  AVAILABILITY,
  SATURATION,
  LATENCY,
  ANOMALIES,
  LOGS,
  DEPENDENCY;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ComponentKind fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
