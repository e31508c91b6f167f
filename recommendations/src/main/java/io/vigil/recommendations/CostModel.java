package io.vigil.recommendations;

import java.util.Map;

/**
 * Fargate's on-demand price of running tasks: per vCPU-hour and per GB-hour, by region and CPU
 * architecture, over a month of {@value #HOURS_PER_MONTH} hours (AWS's own convention).
 */
public final class CostModel {

  public static final double HOURS_PER_MONTH = 730;

  /** The CPU architecture a task runs on. */
  public enum Architecture { X86_64, ARM64 }

  /** Prices in USD per vCPU-hour and per GB-hour of memory. */
  public record Prices(double perVcpuHour, double perGbHour) {
    public Prices {
      if (!(perVcpuHour >= 0) || !(perGbHour >= 0)) {
        throw new IllegalArgumentException("prices must not be negative, were " + perVcpuHour + ", " + perGbHour);
      }
    }
  }

  /** One region's prices for both architectures. */
  public record RegionPrices(Prices x86, Prices arm) {
    public Prices of(Architecture architecture) {
      return architecture == Architecture.ARM64 ? arm : x86;
    }
  }

  /** us-east-1, Linux: x86 $0.04048 / vCPU-h and $0.004445 / GB-h; Arm (Graviton) $0.03238 and $0.00356. */
  public static final RegionPrices US_EAST_1 = new RegionPrices(new Prices(0.04048, 0.004445), new Prices(0.03238, 0.00356));

  private final Map<String, RegionPrices> regions;
  private final String defaultRegion;

  public CostModel(Map<String, RegionPrices> regions, String defaultRegion) {
    if (!regions.containsKey(defaultRegion)) {
      throw new IllegalArgumentException("no prices for the default region " + defaultRegion);
    }
    this.regions = Map.copyOf(regions);
    this.defaultRegion = defaultRegion;
  }

  public String defaultRegion() {
    return defaultRegion;
  }

  /** Prices of {@code region}, or the default region's when it has none configured. */
  public Prices prices(String region, Architecture architecture) {
    RegionPrices prices = regions.getOrDefault(region == null || region.isEmpty() ? defaultRegion : region, regions.get(defaultRegion));
    return prices.of(architecture);
  }

  /** What {@code tasks} tasks of {@code size} cost a month, in USD. */
  public double monthly(FargateSize size, int tasks, String region, Architecture architecture) {
    Prices prices = prices(region, architecture);
    double hourly = size.vcpu() * prices.perVcpuHour() + size.memoryGiB() * prices.perGbHour();
    return hourly * HOURS_PER_MONTH * tasks;
  }
}
