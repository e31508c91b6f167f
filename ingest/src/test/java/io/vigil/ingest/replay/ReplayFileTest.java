package io.vigil.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.MetricPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFileTest {

  @Test
  void readsNabStyleFilesFromAFolder(@TempDir Path dir) throws IOException {
    Path category = Files.createDirectories(dir.resolve("realTraffic"));
    Files.writeString(category.resolve("speed_6005.csv"), "timestamp,value\n2015-09-01 11:25:00,58\n2015-09-01 11:30:00,61.5\n");
    Files.writeString(category.resolve("notes.txt"), "ignored");
    List<ReplayFile> files = ReplayFile.find(dir);
    assertThat(files).hasSize(1);
    ReplayFile file = files.get(0);
    assertThat(file.series().canonical()).isEqualTo("Replay:speed_6005{Source=realTraffic}");
    assertThat(file.read()).extracting(MetricPoint::timestampMillis, MetricPoint::value).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Instant.parse("2015-09-01T11:25:00Z").toEpochMilli(), 58.0),
        org.assertj.core.groups.Tuple.tuple(Instant.parse("2015-09-01T11:30:00Z").toEpochMilli(), 61.5));
  }

  @Test
  void aBadLineIsReportedWithItsNumber(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "timestamp,value\n2015-09-01 11:25:00,58\n2015-09-01 11:30:00,fast\n");
    assertThatThrownBy(() -> ReplayFile.find(file).get(0).read()).isInstanceOf(IOException.class).hasMessageContaining("bad.csv:3");
  }
}
