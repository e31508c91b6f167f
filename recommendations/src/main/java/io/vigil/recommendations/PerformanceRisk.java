package io.vigil.recommendations;

/**
 * How likely a size is to fail its workload (Compute Optimizer's scale): judged from the share of
 * the size the observed peaks use, and High whenever the service was killed for memory at it.
 */
public enum PerformanceRisk {
  VERY_LOW("VeryLow"),
  LOW("Low"),
  MEDIUM("Medium"),
  HIGH("High");

  private final String wire;

  PerformanceRisk(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static PerformanceRisk parse(String text) {
    for (PerformanceRisk risk : values()) {
      if (risk.wire.equals(text)) {
        return risk;
      }
    }
    throw new IllegalArgumentException("unknown performance risk " + text);
  }

  /**
   * The risk of running at a size whose memory the peak fills to {@code memoryPeakPercent} and whose
   * CPU the 95th percentile fills to {@code cpuP95Percent}; memory weighs more because running out
   * of it kills the task, while CPU only slows it.
   */
  public static PerformanceRisk of(double memoryPeakPercent, double cpuP95Percent, boolean killedForMemory) {
    if (killedForMemory || memoryPeakPercent >= 90) {
      return HIGH;
    }
    if (memoryPeakPercent >= 80 || cpuP95Percent >= 90) {
      return MEDIUM;
    }
    if (memoryPeakPercent >= 65 || cpuP95Percent >= 70) {
      return LOW;
    }
    return VERY_LOW;
  }
}
