package io.vigil.deployments;

import java.util.Locale;

/** What one metric's comparison found. */
public enum Outcome {
  /** A significant shift, large enough to matter, in the direction that is worse. */
  WORSE,
  /** A significant shift, large enough to matter, the good way. */
  BETTER,
  /** No shift that is both significant and large enough. */
  UNCHANGED,
  /** A shift the worse way that the service's load explains (CPU up with the requests). */
  EXPLAINED_BY_LOAD,
  /** Too few values on one side to judge. */
  TOO_FEW_SAMPLES;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Outcome fromWire(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
