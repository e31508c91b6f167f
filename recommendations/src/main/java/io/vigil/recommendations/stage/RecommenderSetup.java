package io.vigil.recommendations.stage;

import io.vigil.config.ConfigException;
import io.vigil.config.RecommendationsConfig;
import io.vigil.recommendations.CostModel;
import io.vigil.recommendations.FargateSize;
import io.vigil.recommendations.FargateSizes;
import io.vigil.recommendations.RecommenderSettings;
import io.vigil.recommendations.TaskSize;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the {@code recommendations} section into the maths' settings: prices by region, the
 * pricing region ({@code recommendations.region}, else {@code aws.region} when it has prices, else
 * us-east-1), and the configured task sizes, each checked to be a size Fargate runs.
 */
public final class RecommenderSetup {

  static final String DEFAULT_REGION = "us-east-1";

  private RecommenderSetup() {}

  public static RecommenderSettings settings(RecommendationsConfig config, String awsRegion) {
    Map<String, CostModel.RegionPrices> regions = new HashMap<>();
    config.prices().forEach((region, prices) -> regions.put(region, new CostModel.RegionPrices(
        new CostModel.Prices(prices.x86().vcpuHour(), prices.x86().gbHour()), new CostModel.Prices(prices.arm().vcpuHour(), prices.arm().gbHour()))));
    String region = !config.region().isEmpty() ? config.region() : regions.containsKey(awsRegion) ? awsRegion : DEFAULT_REGION;
    return new RecommenderSettings(config.marginPercent() / 100, config.minHours(), config.lookbackDays(),
        RecommenderSettings.DEFAULT_HALF_LIFE_MILLIS, config.scalingTargetCpuPercent(), new CostModel(regions, region));
  }

  /** The configured sizes by service; a size Fargate does not run stops start-up naming its key. */
  public static Function<String, Optional<TaskSize>> configuredSizes(RecommendationsConfig config) {
    Map<String, TaskSize> sizes = new HashMap<>();
    config.services().forEach((service, size) -> {
      FargateSize fargate = new FargateSize(size.cpu(), size.memoryMiB());
      if (!FargateSizes.isValid(fargate)) {
        throw new ConfigException("recommendations.services." + service + ".memoryMiB",
            "cpu " + size.cpu() + " with memoryMiB " + size.memoryMiB() + " is not a Fargate task size; "
                + FargateSizes.atLeast(size.cpu(), size.memoryMiB()).map(next -> "the next valid one is " + next).orElse("none is that large"));
      }
      CostModel.Architecture architecture = "arm64".equals(size.architecture()) ? CostModel.Architecture.ARM64 : CostModel.Architecture.X86_64;
      sizes.put(service, new TaskSize(fargate, size.desiredCount(), architecture, "", "config"));
    });
    return service -> Optional.ofNullable(sizes.get(service));
  }
}
