package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecommendationsConfigTest {

  @TempDir
  Path folder;

  private Vertx vertx;

  @BeforeEach
  void createVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  private VigilConfig load(String yaml, String... assignments) throws Exception {
    Path file = folder.resolve("vigil.yaml");
    Files.writeString(file, yaml);
    return new ConfigLoader(vertx).file(file).environment(Map.of()).assignments(List.of(assignments)).load().await();
  }

  @Test
  void aFreshInstallOnlyDryRunsAndPricesUsEast1() throws Exception {
    RecommendationsConfig config = load("{}").recommendations();
    assertThat(config.applyEnabled()).isFalse();
    assertThat(config.minHours()).isEqualTo(24);
    assertThat(config.marginPercent()).isEqualTo(15);
    assertThat(config.lookbackDays()).isEqualTo(14);
    assertThat(config.prices().get("us-east-1").x86()).isEqualTo(new RecommendationsConfig.Prices(0.04048, 0.004445));
    assertThat(config.prices().get("us-east-1").arm()).isEqualTo(new RecommendationsConfig.Prices(0.03238, 0.00356));
    assertThat(config.services()).isEmpty();
  }

  @Test
  void servicesTakeDefaultsAndConfiguredOnesWinOverTheDemos() throws Exception {
    RecommendationsConfig config = load("recommendations:\n  services:\n    worker: {cpu: 512, memoryMiB: 4096}\n").recommendations()
        .withDefaultServices(Map.of("worker", new RecommendationsConfig.ServiceSize(1024, 2048, 1, "x86_64"),
            "api", new RecommendationsConfig.ServiceSize(512, 1024, 2, "x86_64")));
    assertThat(config.services().get("worker")).isEqualTo(new RecommendationsConfig.ServiceSize(512, 4096, 1, "x86_64"));
    assertThat(config.services().get("api").desiredCount()).isEqualTo(2);
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> load("recommendations:\n  services:\n    worker: {cpu: 512, memoryMiB: 4096, memory: 3}\n"))
        .hasMessageContaining("recommendations.services.worker.memory");
    assertThatThrownBy(() -> load("recommendations:\n  services:\n    worker: {cpu: 512, memoryMiB: 4096, architecture: sparc}\n"))
        .hasMessageContaining("recommendations.services.worker.architecture");
    assertThatThrownBy(() -> load("{}", "recommendations.region=eu-west-1")).hasMessageContaining("recommendations.region");
    assertThatThrownBy(() -> load("{}", "recommendations.confidenceFloor=2")).hasMessageContaining("recommendations.confidenceFloor");
    assertThatThrownBy(() -> load("recommendations:\n  prices:\n    eu-west-1: {x86: {vcpuHour: 0.04, gbHour: 0.004}}\n"))
        .hasMessageContaining("recommendations.prices.eu-west-1.arm");
  }
}
