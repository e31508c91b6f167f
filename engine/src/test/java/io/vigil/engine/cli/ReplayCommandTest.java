package io.vigil.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vigil.testing.ReceiverStub;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil replay} pushes its batches marked as history, so a replayed week never pages. */
class ReplayCommandTest {

  @TempDir
  Path dir;

  @Test
  void everyBatchDeclaresHistory() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      ReceiverStub engine = new ReceiverStub().start(vertx).await();
      engine.answer("/api/v1/metrics", () -> 202);
      Path csv = dir.resolve("orders.csv");
      StringBuilder lines = new StringBuilder("timestamp,value\n");
      for (int i = 0; i < 5; i++) {
        lines.append("2026-11-29 10:0").append(i).append(":00,").append(40 + i).append('\n');
      }
      Files.writeString(csv, lines);
      int code = Main.commandLine(false).setOut(new PrintWriter(new StringWriter(), true))
          .execute("replay", csv.toString(), "--url", "http://127.0.0.1:" + engine.port(), "--batch", "2");
      assertThat(code).isZero();
      assertThat(engine.at("/api/v1/metrics")).hasSize(3).allSatisfy(request -> {
        JsonObject body = request.json();
        assertThat(body.getBoolean("history")).isTrue();
        assertThat(body.getJsonArray("points")).isNotEmpty();
      });
    } finally {
      vertx.close().await();
    }
  }
}
