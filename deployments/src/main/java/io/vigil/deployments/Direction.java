package io.vigil.deployments;

import java.util.Locale;

/** Which way a metric moves when a service gets worse. */
public enum Direction {
  /** Latency, 5xx, CPU or memory at equal load, unhealthy hosts. */
  HIGHER_IS_WORSE,
  /** Healthy hosts, throughput a service should keep. */
  LOWER_IS_WORSE,
  /** Any clear change is suspect. */
  EITHER,
  /** Reported, never counted: traffic the deploy does not decide (request count). */
  NEUTRAL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** {@code higher-is-worse}, {@code lower-is-worse}, {@code either} or {@code neutral}. */
  public static Direction fromWire(String text) {
    for (Direction direction : values()) {
      if (direction.wireName().equals(text)) {
        return direction;
      }
    }
    throw new IllegalArgumentException("must be higher-is-worse, lower-is-worse, either or neutral, was \"" + text + "\"");
  }

  /** Whether a shift of sign {@code effectSign} (positive: the values rose) is a regression. */
  boolean isWorse(double effectSign) {
    return switch (this) {
      case HIGHER_IS_WORSE -> effectSign > 0;
      case LOWER_IS_WORSE -> effectSign < 0;
      case EITHER -> effectSign != 0;
      case NEUTRAL -> false;
    };
  }
}
