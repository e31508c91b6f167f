package io.vigil.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CostModelTest {

  private final CostModel costs = new CostModel(Map.of("us-east-1", CostModel.US_EAST_1,
      "eu-west-1", new CostModel.RegionPrices(new CostModel.Prices(0.04456, 0.004865), new CostModel.Prices(0.03565, 0.00389))), "us-east-1");

  @Test
  void aMonthIsSevenHundredThirtyHoursOfVcpuAndGigabytes() {
    // 1 vCPU and 2 GiB: (0.04048 + 2 x 0.004445) x 730 = 36.0402 a task.
    assertThat(costs.monthly(new FargateSize(1024, 2048), 1, "us-east-1", CostModel.Architecture.X86_64)).isCloseTo(36.0401, within(1e-9));
    assertThat(costs.monthly(new FargateSize(1024, 2048), 3, "us-east-1", CostModel.Architecture.X86_64)).isCloseTo(108.1203, within(1e-9));
    // A GiB more is 0.004445 x 730 = 3.24485 a task.
    double delta = costs.monthly(new FargateSize(1024, 3072), 1, "", CostModel.Architecture.X86_64)
        - costs.monthly(new FargateSize(1024, 2048), 1, "", CostModel.Architecture.X86_64);
    assertThat(delta).isCloseTo(3.24485, within(1e-9));
  }

  @Test
  void armAndOtherRegionsHaveTheirOwnPricesAndUnknownRegionsTheDefault() {
    assertThat(costs.monthly(new FargateSize(512, 1024), 1, "us-east-1", CostModel.Architecture.ARM64))
        .isCloseTo((0.5 * 0.03238 + 0.00356) * 730, within(1e-9));
    assertThat(costs.monthly(new FargateSize(512, 1024), 1, "eu-west-1", CostModel.Architecture.X86_64))
        .isCloseTo((0.5 * 0.04456 + 0.004865) * 730, within(1e-9));
    assertThat(costs.monthly(new FargateSize(512, 1024), 1, "ap-south-9", CostModel.Architecture.X86_64))
        .isEqualTo(costs.monthly(new FargateSize(512, 1024), 1, "us-east-1", CostModel.Architecture.X86_64));
  }
}
