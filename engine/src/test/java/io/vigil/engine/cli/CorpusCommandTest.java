package io.vigil.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil corpus} writes a corpus that {@code vigil nab} scores, and its seed decides it. */
class CorpusCommandTest {

  @TempDir
  Path dir;

  @Test
  void theWrittenCorpusIsScoredByNab() throws Exception {
    StringWriter out = new StringWriter();
    int written = new CommandLine(new VigilCommand()).setOut(new PrintWriter(out))
        .execute("corpus", "--out", dir.resolve("cw").toString(), "--seed", "5");
    assertThat(written).isZero();
    assertThat(out.toString()).contains("seed 5");

    StringWriter report = new StringWriter();
    int scored = new CommandLine(new VigilCommand()).setOut(new PrintWriter(report)).execute("nab",
        "--data", dir.resolve("cw/data").toString(), "--labels", dir.resolve("cw/labels/combined_windows.json").toString(),
        "--out", dir.resolve("out").toString());

    assertThat(scored).isZero();
    assertThat(Files.list(dir.resolve("out/default")).map(p -> p.getFileName().toString()))
        .contains("synthUtilisation", "synthMemory", "synthRequests", "synthLatency", "synthErrors", "synthSensors");
  }

  @Test
  void aBadSeedIsAUserError() {
    StringWriter err = new StringWriter();
    int code = new CommandLine(new VigilCommand()).setErr(new PrintWriter(err))
        .execute("corpus", "--out", dir.toString(), "--seed", "twelve");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--seed");
  }
}
