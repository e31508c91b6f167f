package io.vigil.recommendations;

/** What a recommendation found, in AWS Compute Optimizer's words for ECS services. */
public enum Finding {
  UNDERPROVISIONED("Underprovisioned"),
  OVERPROVISIONED("Overprovisioned"),
  OPTIMIZED("Optimized");

  private final String wire;

  Finding(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The finding named {@code text} (any case), or null. */
  public static Finding parse(String text) {
    for (Finding finding : values()) {
      if (finding.wire.equalsIgnoreCase(text)) {
        return finding;
      }
    }
    return null;
  }
}
