package io.vigil.config;

import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The recommender: how much evidence it needs, the headroom it leaves, what Fargate costs, where
 * task sizes come from, and whether recommendations may be applied.
 *
 * @param enabled whether the recommendation stages and {@code /api/v1/recommendations} run
 * @param checkpointIntervalSeconds how often the stages checkpoint
 * @param evaluateIntervalSeconds how often each service's recommendations are worked out again
 * @param lookbackDays how far back usage counts
 * @param minHours evidence needed before anything is offered, unless a kill for memory forces it
 * @param marginPercent headroom on every target
 * @param scalingTargetCpuPercent average CPU a suggested target-tracking policy aims for
 * @param applyEnabled whether {@code apply} may change anything; false: dry runs only
 * @param confidenceFloor confidence (0-1) below which an apply is refused
 * @param region the region whose prices cost recommendations (empty: {@code aws.region}, else us-east-1)
 * @param prices region to its x86 and Arm prices
 * @param ecs reading task sizes and kills from ECS
 * @param services task sizes of services not read from ECS, by service name
 */
public record RecommendationsConfig(
    boolean enabled,
    int checkpointIntervalSeconds,
    int evaluateIntervalSeconds,
    int lookbackDays,
    double minHours,
    double marginPercent,
    double scalingTargetCpuPercent,
    boolean applyEnabled,
    double confidenceFloor,
    String region,
    Map<String, RegionPrices> prices,
    Ecs ecs,
    Map<String, ServiceSize> services) {

  public RecommendationsConfig {
    prices = Collections.unmodifiableSortedMap(new TreeMap<>(prices));
    services = Collections.unmodifiableSortedMap(new TreeMap<>(services));
  }

  /** USD per vCPU-hour and per GB-hour. */
  public record Prices(double vcpuHour, double gbHour) {}

  public record RegionPrices(Prices x86, Prices arm) {}

  /**
   * @param enabled read each service's task definition, desired count and stopped tasks from ECS
   *     (DescribeServices, DescribeTaskDefinition, ListTasks/DescribeTasks) with {@code aws.*}
   * @param refreshSeconds how often that is read again per service
   */
  public record Ecs(boolean enabled, int refreshSeconds) {}

  /**
   * A service's size as configured (for users without ECS access, and the demo).
   *
   * @param architecture {@code x86_64} or {@code arm64}
   */
  public record ServiceSize(int cpu, int memoryMiB, int desiredCount, String architecture) {}

  /** This configuration with {@code defaults} for the services it does not size itself. */
  public RecommendationsConfig withDefaultServices(Map<String, ServiceSize> defaults) {
    SortedMap<String, ServiceSize> merged = new TreeMap<>(defaults);
    merged.putAll(services);
    return new RecommendationsConfig(enabled, checkpointIntervalSeconds, evaluateIntervalSeconds, lookbackDays, minHours, marginPercent,
        scalingTargetCpuPercent, applyEnabled, confidenceFloor, region, prices, ecs, merged);
  }

  static RecommendationsConfig from(ConfigSection section) {
    RecommendationsConfig config = new RecommendationsConfig(
        section.bool("enabled"),
        section.integer("checkpointIntervalSeconds", 1, 3600),
        section.integer("evaluateIntervalSeconds", 1, 86_400),
        section.integer("lookbackDays", 1, 90),
        section.number("minHours", 0, 24 * 90),
        section.number("marginPercent", 0, 100),
        section.number("scalingTargetCpuPercent", 1, 100),
        section.bool("applyEnabled"),
        section.number("confidenceFloor", 0, 1),
        section.string("region").trim(),
        prices(section, "prices"),
        ecs(section.section("ecs")),
        services(section, "services"));
    if (!config.region.isEmpty() && !config.prices.containsKey(config.region)) {
      throw new ConfigException(section.keyOf("region"), "has no prices: add recommendations.prices." + config.region);
    }
    if (!config.prices.containsKey("us-east-1")) {
      throw new ConfigException(section.keyOf("prices"), "must keep us-east-1, the prices used when no region is known");
    }
    section.finish();
    return config;
  }

  private static SortedMap<String, RegionPrices> prices(ConfigSection parent, String key) {
    ConfigSection regions = parent.section(key);
    SortedMap<String, RegionPrices> prices = new TreeMap<>();
    for (String region : regions.fieldNames()) {
      ConfigSection one = regions.section(region);
      prices.put(region, new RegionPrices(price(one.section("x86")), price(one.section("arm"))));
      one.finish();
    }
    regions.finish();
    return prices;
  }

  private static Prices price(ConfigSection section) {
    Prices prices = new Prices(section.number("vcpuHour", 0, 100), section.number("gbHour", 0, 100));
    section.finish();
    return prices;
  }

  private static Ecs ecs(ConfigSection section) {
    Ecs ecs = new Ecs(section.bool("enabled"), section.integer("refreshSeconds", 1, 86_400));
    section.finish();
    return ecs;
  }

  private static SortedMap<String, ServiceSize> services(ConfigSection parent, String key) {
    ConfigSection all = parent.section(key);
    SortedMap<String, ServiceSize> services = new TreeMap<>();
    for (String name : all.fieldNames()) {
      JsonObject defaults = new JsonObject().put("desiredCount", 1).put("architecture", "x86_64");
      ConfigSection withDefaults = new ConfigSection(all.keyOf(name), defaults.mergeIn(all.rawSection(name), false));
      String architecture = withDefaults.string("architecture").trim();
      ServiceSize size = new ServiceSize(withDefaults.integer("cpu", 256, 16384), withDefaults.integer("memoryMiB", 512, 122_880),
          withDefaults.integer("desiredCount", 0, 10_000), architecture);
      if (!architecture.equals("x86_64") && !architecture.equals("arm64")) {
        throw new ConfigException(withDefaults.keyOf("architecture"), "must be x86_64 or arm64, was \"" + architecture + "\"");
      }
      withDefaults.finish();
      services.put(name, size);
    }
    all.finish();
    return services;
  }
}
