package io.vigil.eval.loghub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoghubCorpusTest {

  @TempDir
  Path dir;

  @Test
  void readsQuotedFieldsWithCommasAndQuotes() throws Exception {
    Path demo = Files.createDirectories(dir.resolve("Demo"));
    Files.writeString(demo.resolve("Demo_2k.log_structured.csv"),
        "LineId,Level,Content,EventId,EventTemplate\n"
            + "1,INFO,\"open a, b \"\"c\"\"\",E1,\"open <*>, b \"\"c\"\"\"\r\n"
            + "2,WARN,plain line 7,E2,plain line <*>\n");
    Files.createDirectories(dir.resolve("NotASystem"));
    assertThat(LoghubCorpus.systems(dir)).containsExactly("Demo");
    LoghubSample sample = LoghubCorpus.read(dir, "Demo");
    assertThat(sample.contents()).containsExactly("open a, b \"c\"", "plain line 7");
    assertThat(sample.eventIds()).containsExactly("E1", "E2");
    assertThat(sample.templates()).containsExactly("open <*>, b \"c\"", "plain line <*>");
  }

  @Test
  void aFolderWithoutSamplesOrAMissingColumnIsNamed() throws Exception {
    assertThatThrownBy(() -> LoghubCorpus.systems(dir)).hasMessageContaining("no Loghub sample in");
    assertThatThrownBy(() -> LoghubCorpus.systems(dir.resolve("missing"))).hasMessageContaining("not a folder");
    Path demo = Files.createDirectories(dir.resolve("Demo"));
    Files.writeString(demo.resolve("Demo_2k.log_structured.csv"), "LineId,Content,EventId\n1,a,E1\n");
    assertThatThrownBy(() -> LoghubCorpus.read(dir, "Demo")).hasMessageContaining("no column EventTemplate");
  }
}
