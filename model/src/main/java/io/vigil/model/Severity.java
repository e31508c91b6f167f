package io.vigil.model;

import java.util.Locale;

/** How urgent an anomaly or alert is, in increasing order. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL;

  /** The lower-case name used on the wire and in the API. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity fromWire(String name) {
    for (Severity severity : values()) {
      if (severity.wireName().equals(name)) {
        return severity;
      }
    }
    throw new IllegalArgumentException("severity must be one of info, warning, critical; was " + name);
  }
}
