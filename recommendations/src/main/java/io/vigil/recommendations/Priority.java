package io.vigil.recommendations;

/**
 * A recommendation's priority, 1 first: the risk of failing as the service runs comes before any
 * saving (a service killed for memory outranks one that wastes money), then what it saves.
 */
public final class Priority {

  /** A saving from this many USD a month ranks above a small tidy-up. */
  public static final double NOTABLE_SAVING_PER_MONTH = 5.0;

  private Priority() {}

  public static int of(Finding finding, PerformanceRisk riskIfUnchanged, double monthlyCostDelta) {
    if (finding == Finding.OPTIMIZED) {
      return 4;
    }
    return switch (riskIfUnchanged) {
      case HIGH -> 1;
      case MEDIUM -> 2;
      default -> -monthlyCostDelta >= NOTABLE_SAVING_PER_MONTH ? 3 : 4;
    };
  }
}
