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

/** The pipeline benchmark's accounting, on a real engine: every point sent is counted once as scored. */
class PipelineBenchTest {

  @TempDir
  Path dataDir;

  @Test
  @Timeout(120)
  void everyPointSentIsScoredOnceAndTheReportSaysSo() throws Exception {
    PipelineBench.Load load = new PipelineBench.Load(30, 40, 70, 3, Duration.ofSeconds(60), 5_000);
    try (VigilEngine engine = TestEngines.start(dataDir, "alerting.enabled=false")) {
      PipelineBench.Report report = PipelineBench.run(engine, load);

      assertThat(report.complete()).isTrue();
      assertThat(report.scored()).isEqualTo(1_200);
      assertThat(report.latencyMicros().getTotalCount()).as("requests: 3 senders, 10 series each, batches of 70")
          .isEqualTo(3 * (int) Math.ceil(10 * 40 / 70.0));
      assertThat(report.format())
          .contains("1,200 points for 30 series")
          .contains("1,200 of 1,200 scored")
          .contains("ratio end-to-end/detector:")
          .contains("ratio end-to-end/producer:");
      assertThat(report.peerBefore().records()).as("the peer wrote all its records, every one acknowledged").isEqualTo(5_000);
      assertThat(report.peerAfter().records()).isEqualTo(5_000);
    }
  }

  @Test
  void loadsMustBeAtLeastOneOfEverything() {
    assertThatThrownBy(() -> new PipelineBench.Load(0, 1, 1, 1, Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("series");
  }
}
