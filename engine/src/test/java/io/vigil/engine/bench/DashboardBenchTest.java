package io.vigil.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.engine.TestEngines;
import io.vigil.engine.VigilEngine;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard benchmark's accounting, on a real engine: every watched point reaches every client once. */
class DashboardBenchTest {

  @TempDir
  Path dataDir;

  @Test
  @Timeout(120)
  void everyWatchedPointReachesEveryClientOnceAndTheReportSaysSo() throws Exception {
    DashboardBench.Load load = new DashboardBench.Load(5, 200, Duration.ofSeconds(1), Duration.ofSeconds(3));
    try (VigilEngine engine = TestEngines.start(dataDir)) {
      DashboardBench.Report report = DashboardBench.run(engine, load);

      assertThat(report.closed()).isZero();
      assertThat(report.expected()).as("up to 30 watched points in 3 s, times 5 clients").isPositive().isLessThanOrEqualTo(150L);
      assertThat(report.received()).isEqualTo(report.expected());
      assertThat(report.lagMillis().getTotalCount()).isEqualTo(report.received());
      assertThat(report.pushed()).as("each tick: the watched point and 20 background ones").isEqualTo(21L * 40);
      assertThat(report.format()).contains("5 clients on one series").contains(report.received() + " of " + report.expected());
    }
  }

  @Test
  void loadsMustHaveClientsAndAMeasuredTime() {
    assertThatThrownBy(() -> new DashboardBench.Load(0, 1, Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clients");
  }
}
