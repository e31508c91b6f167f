package io.vigil.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.eval.loghub.LoghubCorpus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil logparse}: the table it prints on the development samples, and a bad folder or system named. */
class LogparseCommandTest {

  private static final Pattern AVERAGE = Pattern.compile("(?m)^average\\s+(\\d+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9]+)$");

  @TempDir
  Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run logparse(String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "logparse";
    System.arraycopy(args, 0, full, 1, args.length);
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    // The command's own output, not System.out: other tests' threads may still be logging there.
    int exit = Main.commandLine(false).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(full);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void printsEverySystemAndAnAverageAboveTheFloor() {
    Optional<Path> data = LoghubCorpus.development();
    assumeTrue(data.isPresent(), "Loghub development samples not found; looked in " + LoghubCorpus.searched());
    Run run = logparse("--data", data.get().toString(), "--rounds", "1");
    assertThat(run.exit()).as(run.err()).isZero();
    for (String system : LoghubCorpus.systems(data.get())) {
      assertThat(run.out()).containsPattern("(?m)^" + system + "\\s+2000\\s");
    }
    Matcher average = AVERAGE.matcher(run.out());
    assertThat(average.find()).as(run.out()).isTrue();
    assertThat(Double.parseDouble(average.group(2))).as("average grouping accuracy").isGreaterThanOrEqualTo(0.967);
    assertThat(Double.parseDouble(average.group(3))).as("average parsing accuracy").isBetween(0.0, 1.0);
    assertThat(Long.parseLong(average.group(4))).as("lines/s").isPositive();
  }

  @Test
  void oneSystemOnly() {
    Optional<Path> data = LoghubCorpus.development();
    assumeTrue(data.isPresent(), "Loghub development samples not found; looked in " + LoghubCorpus.searched());
    String system = LoghubCorpus.systems(data.get()).get(0);
    Run run = logparse("--data", data.get().toString(), "--system", system, "--rounds", "0");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().lines().filter(line -> !line.startsWith("system") && !line.startsWith("average")))
        .singleElement().asString().startsWith(system);
  }

  @Test
  void aBadFolderOrSystemIsNamedWithExitTwo() throws Exception {
    Run missing = logparse("--data", dir.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("not a folder", "nope");

    Run empty = logparse("--data", dir.toString());
    assertThat(empty.exit()).isEqualTo(2);
    assertThat(empty.err()).contains("no Loghub sample in");

    Path demo = Files.createDirectories(dir.resolve("Demo"));
    Files.writeString(demo.resolve("Demo_2k.log_structured.csv"),
        "LineId,Content,EventId,EventTemplate\n1,open 7,E1,open <*>\n2,open 8,E1,open <*>\n");
    Run unknown = logparse("--data", dir.toString(), "--system", "Other");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("no system Other", "Demo");

    Run demoRun = logparse("--data", dir.toString(), "--rounds", "0");
    assertThat(demoRun.exit()).as(demoRun.err()).isZero();
    assertThat(demoRun.out().toLowerCase(Locale.ROOT)).containsPattern("(?m)^demo\\s+2\\s+1\\.0000\\s+1\\.0000\\s+1\\s+1\\s");
  }
}
