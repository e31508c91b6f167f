package io.vigil.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil nab} with detector settings: they reach the detector, and a bad one is named. */
class NabCommandTest {

  private static final DateTimeFormatter NAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @TempDir
  Path dir;

  /** One series of 1,500 five-minute points, N(10, 1), that shifts up by 3 at row 1,200. */
  private void corpus() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data/demo"));
    SplittableRandom random = new SplittableRandom(3);
    LocalDateTime start = LocalDateTime.of(2014, 4, 1, 0, 0);
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 1500; i++) {
      double value = 10 + random.nextGaussian() + (i >= 1200 ? 3 : 0);
      csv.append(start.plusMinutes(5L * i).format(NAB_TIME)).append(',').append(String.format("%.3f", value)).append('\n');
    }
    Files.writeString(data.resolve("a.csv"), csv);
    String from = start.plusMinutes(5L * 1150).format(NAB_TIME);
    String to = start.plusMinutes(5L * 1250).format(NAB_TIME);
    Files.writeString(dir.resolve("windows.json"),
        "{\"demo/a.csv\": [[\"" + from + ".000000\", \"" + to + ".000000\"]]}");
  }

  private int nab(StringWriter err, String... more) {
    String[] base = {"nab", "--data", dir.resolve("data").toString(), "--labels", dir.resolve("windows.json").toString(),
        "--out", dir.resolve("out").toString()};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return new CommandLine(new VigilCommand()).setErr(new PrintWriter(err)).execute(args);
  }

  @Test
  void settingsReachTheDetector() throws Exception {
    corpus();
    assertThat(nab(new StringWriter(), "--name", "defaults")).isZero();
    assertThat(nab(new StringWriter(), "--name", "tuned", "--set", "cusumUnit=2", "--set", "cusumSlack=0.5")).isZero();

    String defaults = Files.readString(dir.resolve("out/defaults/demo/defaults_a.csv"));
    String tuned = Files.readString(dir.resolve("out/tuned/demo/tuned_a.csv"));
    assertThat(tuned.lines().count()).isEqualTo(defaults.lines().count()).isEqualTo(1501);
    assertThat(tuned).as("scores with other cusum settings").isNotEqualTo(defaults);
  }

  @Test
  void aBadSettingIsNamedAndNothingRuns() throws Exception {
    corpus();
    StringWriter err = new StringWriter();
    assertThat(nab(err, "--set", "cusumUnt=4")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown setting cusumUnt", "cusumUnit");
    StringWriter rcf = new StringWriter();
    assertThat(nab(rcf, "--detector", "rcf", "--set", "trees=10")).isEqualTo(2);
    assertThat(rcf.toString()).contains("detector 'rcf' has no settings, got trees");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
