package io.vigil.logpatterns.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.logpatterns.PatternSummary;
import org.junit.jupiter.api.Test;

class PatternBoardTest {

  private static PatternSummary pattern(String group, String id, long count, long lastSeen) {
    return new PatternSummary(group, "api", id, "t " + id, count, 0, lastSeen, "", "", 0, 0, false);
  }

  @Test
  void listsByGroupAndSinceMostLinesFirstAndKeepsTheLatestSummary() {
    PatternBoard board = new PatternBoard();
    board.put(pattern("/ecs/api", "p0", 5, 1_000));
    board.put(pattern("/ecs/api", "p1", 9, 2_000));
    board.put(pattern("/ecs/worker", "p0", 7, 3_000));
    board.put(pattern("/ecs/api", "p0", 12, 4_000));
    assertThat(board.list("", 0)).extracting(PatternSummary::key)
        .containsExactly("/ecs/api p0", "/ecs/api p1", "/ecs/worker p0");
    assertThat(board.list("/ecs/api", 0)).extracting(PatternSummary::count).containsExactly(12L, 9L);
    assertThat(board.list("/ecs/api", 2_500)).extracting(PatternSummary::patternId).containsExactly("p0");
    assertThat(board.list("/ecs/none", 0)).isEmpty();
  }
}
