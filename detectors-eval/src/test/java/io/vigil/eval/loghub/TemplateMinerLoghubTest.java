package io.vigil.eval.loghub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.detectors.logs.TemplateMinerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The default miner on the development samples of Loghub-2k, streaming: floors one point under what
 * it reaches, so a change that loses accuracy fails here.
 */
class TemplateMinerLoghubTest {

  private static final Map<String, Double> GROUPING_FLOORS = Map.of(
      "Apache", 0.99, "BGL", 0.981, "HDFS", 0.987, "HPC", 0.940,
      "Hadoop", 0.979, "HealthApp", 0.99, "Linux", 0.981, "Mac", 0.893);

  @Test
  void groupingAccuracyStaysAboveItsFloors() {
    Optional<Path> data = LoghubCorpus.development();
    assumeTrue(data.isPresent(), "Loghub development samples not found; looked in " + LoghubCorpus.searched());
    List<LoghubSample> samples = LoghubCorpus.systems(data.get()).stream()
        .map(system -> LoghubCorpus.read(data.get(), system)).toList();
    LoghubRunner.Report report = LoghubRunner.run(samples, TemplateMinerConfig.defaults(), 0);
    for (LoghubRunner.SystemScore score : report.systems()) {
      Double floor = GROUPING_FLOORS.get(score.system());
      if (floor != null) {
        assertThat(score.groupingAccuracy()).as(score.system() + " grouping accuracy").isGreaterThanOrEqualTo(floor);
      }
      assertThat(score.parsingAccuracy()).as(score.system() + " parsing accuracy").isBetween(0.0, 1.0);
    }
    assertThat(report.averageGroupingAccuracy()).as("average grouping accuracy").isGreaterThanOrEqualTo(0.967);
  }
}
