package io.vigil.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale bench from the shaded jar: one process, then two in one group, each on a fresh
 * three-broker cluster; every point sent is scored exactly once over the processes (a point scored
 * by both, or by none, would show in the count), and the report gives both rates and the factor.
 */
class ScaleBenchIT {

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 900, unit = TimeUnit.SECONDS)
  void everyPointIsScoredOnceOverOneProcessThenTwo() throws Exception {
    ScaleBench.Load load = new ScaleBench.Load(new PipelineBench.Load(40, 25, 100, 4, Duration.ofSeconds(300), 0), List.of(1, 2),
        List.of("kafka.partitions=4"));
    ScaleBench.Report report = ScaleBench.run(dir, Path.of(System.getProperty("vigil.jar", "target/vigil.jar")), load);
    System.out.print(report.format());

    assertThat(report.runs()).extracting(ScaleBench.Run::processes).containsExactly(1, 2);
    assertThat(report.runs()).allSatisfy(run -> assertThat(run.scored()).as("points scored with %d processes", run.processes()).isEqualTo(1_000));
    assertThat(report.complete()).isTrue();
    assertThat(report.format()).contains("1,000 points for 40 series").contains("2 processes").contains("factor 1.00 against 1");
  }

  @Test
  void processCountsMustBeAtLeastOne() {
    PipelineBench.Load points = new PipelineBench.Load(1, 1, 1, 1, Duration.ofSeconds(1), 0);
    assertThatThrownBy(() -> new ScaleBench.Load(points, List.of(1, 0), List.of())).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> new ScaleBench.Load(points, List.of(), List.of())).hasMessageContaining("at least 1");
  }
}
