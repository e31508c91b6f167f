package io.vigil.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** User errors are one line and exit code 2; stack traces only with --verbose. */
class CommandLineErrorsTest {

  @TempDir
  Path dir;

  private record Run(int exitCode, String err) {
    long lines() {
      return err.lines().count();
    }
  }

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine(List.of(args).contains("--verbose"));
    commandLine.setErr(new PrintWriter(err, true)).setOut(new PrintWriter(new StringWriter(), true));
    int code = commandLine.execute(args);
    return new Run(code, err.toString());
  }

  @Test
  void nabOnAMissingFolderPrintsOneLineAndExitsTwo() {
    Path missing = dir.resolve("no-such-corpus");
    Run run = run("nab", "--data", missing.toString(), "--labels", missing.resolve("labels.json").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.lines()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).startsWith("vigil: ").contains("no-such-corpus").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void anUnknownFlagPrintsOneLineNamingItAndExitsTwo() {
    Run run = run("nab", "--data", "d", "--labels", "l", "--bogus");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.lines()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("--bogus").contains("--help");
  }

  @Test
  void replayToAnUnreachableEngineNamesTheUrl() throws Exception {
    Path csv = Files.writeString(dir.resolve("a.csv"), "timestamp,value\n2026-01-01 00:00:00,1\n");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Run run = run("replay", csv.toString(), "--url", "http://127.0.0.1:" + port);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.lines()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("http://127.0.0.1:" + port);
  }

  @Test
  void verboseShowsTheStackTrace() {
    Path missing = dir.resolve("gone");
    Run run = run("replay", missing.toString(), "--verbose");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("vigil: no such file or folder").contains("\tat ");
  }

  @Test
  void versionComesFromTheManifestOrSaysDevelopment() {
    StringWriter out = new StringWriter();
    int code = Main.commandLine(false).setOut(new PrintWriter(out, true)).execute("--version");
    assertThat(code).isZero();
    // Tests run from classes (no manifest); the shaded jar's manifest carries the project version.
    assertThat(out.toString().trim()).isEqualTo("vigil " + VersionProvider.version());
  }

  @Test
  void progressIsALinePerItemOffATerminalAndRedrawnOnOne() {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    ProgressLine lines = new ProgressLine(new PrintStream(plain, true, StandardCharsets.UTF_8), "nab: series", false);
    lines.update(1, 2, 1000);
    lines.update(2, 2, 2000);
    lines.finish();
    String text = plain.toString(StandardCharsets.UTF_8);
    assertThat(text.lines()).hasSize(2);
    assertThat(text.lines().findFirst().orElseThrow()).matches("nab: series 1/2, [0-9,]+ points/s, \\d+s left");
    assertThat(text).doesNotContain("\r");

    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    ProgressLine redrawn = new ProgressLine(new PrintStream(terminal, true, StandardCharsets.UTF_8), "replay: files", true);
    redrawn.update(1, 3, 10);
    redrawn.update(3, 3, 30);
    String drawn = terminal.toString(StandardCharsets.UTF_8);
    assertThat(drawn).contains("\r\033[K").endsWith("\n");
    assertThat(drawn.chars().filter(c -> c == '\n').count()).as("one line, redrawn").isEqualTo(1);
  }
}
