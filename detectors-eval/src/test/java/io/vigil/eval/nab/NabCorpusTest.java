package io.vigil.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detectors.DetectorRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a NAB-layout corpus and writing NAB's result files. */
class NabCorpusTest {

  @TempDir
  Path dir;

  private Path corpus() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data/demo"));
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 60; i++) {
      csv.append(String.format("2014-04-01 00:%02d:00,%s%n", i, i == 40 ? "99.50" : "1.0"));
    }
    Files.writeString(data.resolve("a.csv"), csv);
    Files.writeString(dir.resolve("windows.json"),
        "{\n \"demo/a.csv\": [\n  [\"2014-04-01 00:35:00.000000\", \"2014-04-01 00:44:00.000000\"]\n ]\n}\n");
    return dir;
  }

  @Test
  void windowsBecomeInclusiveRowIndices() throws Exception {
    NabCorpus corpus = NabCorpus.read(corpus().resolve("data"), dir.resolve("windows.json"));
    NabSeries series = corpus.series().get(0);
    assertThat(series.key()).isEqualTo("demo/a.csv");
    assertThat(series.windows()).containsExactly(new NabWindow(35, 44));
    assertThat(series.valueTexts().get(40)).isEqualTo("99.50");
  }

  @Test
  void filesCoveredByOnlyOneSideAreNamedInTheNote() throws Exception {
    corpus();
    Files.writeString(dir.resolve("data/demo/b.csv"), Files.readString(dir.resolve("data/demo/a.csv")));
    Files.writeString(dir.resolve("windows.json"),
        "{\"demo/a.csv\": [], \"demo/typo.csv\": [], \"other/c.csv\": []}");
    NabCorpus corpus = NabCorpus.read(dir.resolve("data"), dir.resolve("windows.json"));

    assertThat(corpus.labelsWithoutData()).containsExactly("demo/typo.csv", "other/c.csv");
    assertThat(corpus.dataWithoutLabels()).containsExactly("demo/b.csv");
    assertThat(corpus.coverageNote()).contains("2 labelled file(s)", "demo/typo.csv", "1 data file(s)", "demo/b.csv");
    assertThat(NabCorpus.read(dir.resolve("data"), dir.resolve("windows.json")).series()).hasSize(2);
  }

  @Test
  void aCorpusAndWindowsFileThatAgreeNeedNoNote() throws Exception {
    NabCorpus corpus = NabCorpus.read(corpus().resolve("data"), dir.resolve("windows.json"));
    assertThat(corpus.coverageNote()).isEmpty();
  }

  @Test
  void windowOffTheRowsIsRejected() throws Exception {
    corpus();
    Files.writeString(dir.resolve("windows.json"),
        "{\"demo/a.csv\": [[\"2014-04-01 00:35:30\", \"2014-04-01 00:44:00\"]]}");
    assertThatThrownBy(() -> NabCorpus.read(dir.resolve("data"), dir.resolve("windows.json")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
  }

  @Test
  void runnerWritesResultFilesWithTextCopiedExactly() throws Exception {
    NabCorpus corpus = NabCorpus.read(corpus().resolve("data"), dir.resolve("windows.json"));
    Path out = dir.resolve("out");
    NabRunner.Report report = NabRunner.run(corpus, DetectorRegistry.load().byName("default"), "vigil", out);
    List<String> lines = Files.readAllLines(out.resolve("vigil/demo/vigil_a.csv"));
    assertThat(lines).hasSize(61);
    assertThat(lines.get(0)).isEqualTo("timestamp,value,anomaly_score,label");
    assertThat(lines.get(41)).startsWith("2014-04-01 00:40:00,99.50,").endsWith(",1");
    assertThat(lines.get(1)).endsWith(",0");
    assertThat(report.profiles()).hasSize(3);
    assertThat(report.format()).contains("standard", "reward_low_FP_rate", "reward_low_FN_rate", "overall");
  }
}
