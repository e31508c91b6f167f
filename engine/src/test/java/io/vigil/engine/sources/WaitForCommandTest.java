package io.vigil.engine.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.engine.cli.VigilCommand;
import io.vigil.testing.Eventually;
import io.vigil.testing.LocalProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil wait-for} against a real PostgreSQL that starts while it waits, and against nothing at all. */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class WaitForCommandTest {

  @TempDir
  Path folder;

  /** Runs the command on a worker thread, its output going to {@code out}. */
  private static Future<Integer> run(Vertx vertx, StringWriter out, String... args) {
    return vertx.executeBlocking(() -> new CommandLine(new VigilCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(out, true))
        .execute(args), false);
  }

  @Test
  void waitsForAStoppedPostgresExplainingWhyThenSucceedsOnceItStarts(Vertx vertx) {
    try (LocalPostgres postgres = LocalPostgres.init()) {
      StringWriter out = new StringWriter();
      Future<Integer> exit = run(vertx, out, "wait-for", "--postgres", postgres.url(LocalPostgres.PASSWORD), "--timeout", "90s");
      // Start the server only once the command has reported it not ready, and why.
      Eventually.succeeds(vertx, 100, 100, () -> out.toString().contains("not ready")
          ? Future.succeededFuture() : Future.failedFuture("waiting for a failed attempt")).await();
      vertx.executeBlocking(() -> {
        postgres.start();
        return null;
      }).await();
      assertThat(exit.await()).as(out.toString()).isZero();
      assertThat(out.toString())
          .contains("postgres 127.0.0.1:" + postgres.port + "/postgres not ready (attempt 1): refused")
          .contains("ready (attempt")
          .contains("all 1 ready");
    }
  }

  @Test
  void timesOutWith124AndASummaryOfWhatIsNotReady(Vertx vertx) {
    int closed = LocalProcess.freePort();
    StringWriter out = new StringWriter();
    int exit = run(vertx, out, "wait-for", "--redis", "redis://127.0.0.1:" + closed, "--http", "http://127.0.0.1:" + closed + "/health",
        "--timeout", "2s").await();
    assertThat(exit).isEqualTo(124);
    assertThat(out.toString())
        .contains("timed out after")
        .contains("2 of 2 not ready")
        .contains("redis 127.0.0.1:" + closed + ": refused")
        .contains("http 127.0.0.1:" + closed + "/health: refused");
  }
}
