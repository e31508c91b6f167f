package io.vigil.health;

/** How reasons and causes name metrics and ages, so a score's reasons and an insight's causes read alike. */
public final class Reasons {

  private Reasons() {}

  /** The metric without its namespace: {@code AWS/ECS:MemoryUtilization} reads {@code MemoryUtilization}. */
  public static String shortMetric(String metric) {
    int colon = metric.indexOf(':');
    return colon < 0 ? metric : metric.substring(colon + 1);
  }

  /** Whole minutes, or "under a minute". */
  public static String minutes(long millis) {
    long minutes = Math.max(0, millis) / 60_000;
    return minutes == 0 ? "under a minute" : minutes + " min";
  }
}
