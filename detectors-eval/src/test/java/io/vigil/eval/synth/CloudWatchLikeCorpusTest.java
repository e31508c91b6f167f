package io.vigil.eval.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.eval.nab.NabCorpus;
import io.vigil.eval.nab.NabSeries;
import io.vigil.eval.nab.NabWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated corpus is reproducible from its seed, NAB-shaped, and its series behave like their metrics. */
class CloudWatchLikeCorpusTest {

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedOtherValues(@TempDir Path dir) throws IOException {
    CloudWatchLikeCorpus.write(dir.resolve("a"), 7);
    CloudWatchLikeCorpus.write(dir.resolve("b"), 7);
    CloudWatchLikeCorpus.write(dir.resolve("c"), 8);
    String file = "data/synthMemory/ecs_memory_leak_kill.csv";

    assertThat(Files.readString(dir.resolve("a").resolve(file))).isEqualTo(Files.readString(dir.resolve("b").resolve(file)));
    assertThat(Files.readString(dir.resolve("a/labels/combined_windows.json")))
        .isEqualTo(Files.readString(dir.resolve("b/labels/combined_windows.json")));
    assertThat(Files.readString(dir.resolve("a").resolve(file))).isNotEqualTo(Files.readString(dir.resolve("c").resolve(file)));
  }

  @Test
  void nabReadsEveryFileWithItsWindowsAndTheQuietFilesHaveNone(@TempDir Path dir) {
    CloudWatchLikeCorpus.write(dir, CloudWatchLikeCorpus.DEFAULT_SEED);
    List<CloudWatchLikeCorpus.Series> generated = CloudWatchLikeCorpus.generate(CloudWatchLikeCorpus.DEFAULT_SEED);

    NabCorpus corpus = NabCorpus.read(dir.resolve("data"), dir.resolve("labels/combined_windows.json"));

    assertThat(corpus.labelsWithoutData()).isEmpty();
    assertThat(corpus.dataWithoutLabels()).isEmpty();
    Map<String, NabSeries> read = corpus.series().stream().collect(Collectors.toMap(NabSeries::key, Function.identity()));
    assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(generated.stream().map(CloudWatchLikeCorpus.Series::key).toList());
    for (CloudWatchLikeCorpus.Series series : generated) {
      NabSeries nab = read.get(series.key());
      assertThat(nab.size()).isEqualTo(CloudWatchLikeCorpus.POINTS);
      assertThat(nab.windows()).as(series.key()).hasSize(series.labelRows().length);
      assertThat(series.key().contains("quiet")).as(series.key()).isEqualTo(series.labelRows().length == 0);
    }
  }

  @Test
  void windowsAreATenthOfTheFileSharedAmongTheLabelsAndCentredOnEach() {
    for (CloudWatchLikeCorpus.Series series : CloudWatchLikeCorpus.generate(3)) {
      List<int[]> windows = series.windows();
      for (int i = 0; i < windows.size(); i++) {
        int width = (int) (0.10 * CloudWatchLikeCorpus.POINTS / series.labelRows().length);
        int label = series.labelRows()[i];
        assertThat(windows.get(i)).as(series.key()).containsExactly(label - width / 2, label + width / 2);
        // Every incident starts after NAB's probationary period, so a detection of it can count.
        assertThat(label).as(series.key()).isGreaterThan((int) (0.15 * CloudWatchLikeCorpus.POINTS));
      }
    }
  }

  @Test
  void utilisationsStayWithinZeroAndAHundredAndCountsAreWholeAndNotNegative() {
    for (CloudWatchLikeCorpus.Series series : CloudWatchLikeCorpus.generate(CloudWatchLikeCorpus.DEFAULT_SEED)) {
      for (double value : series.values()) {
        if (series.category().equals("synthUtilisation") || series.category().equals("synthMemory")) {
          assertThat(value).as(series.key()).isBetween(0.0, 100.0);
        }
        if (series.counts()) {
          assertThat(value).as(series.key()).isGreaterThanOrEqualTo(0.0).isEqualTo(Math.rint(value));
        }
      }
    }
  }

  @Test
  void aLabelledIncidentChangesItsSeriesWhereItIsLabelled() {
    // The outage's first point is far below the same time of day a week later (the cycles repeat).
    CloudWatchLikeCorpus.Series outage = CloudWatchLikeCorpus.generate(CloudWatchLikeCorpus.DEFAULT_SEED).stream()
        .filter(s -> s.fileName().equals("elb_requests_outage.csv")).findFirst().orElseThrow();
    int row = outage.labelRows()[0];
    int sameTimeOtherWeek = row >= 7 * CloudWatchLikeCorpus.POINTS_PER_DAY ? row - 7 * CloudWatchLikeCorpus.POINTS_PER_DAY
        : row + 7 * CloudWatchLikeCorpus.POINTS_PER_DAY;
    assertThat(outage.values()[row]).isLessThan(0.2 * outage.values()[sameTimeOtherWeek]);
  }
}
