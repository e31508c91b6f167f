package io.vigil.eval.loghub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogParsingScorerTest {

  private static final List<String> TRUTH = List.of("E1", "E1", "E2", "E2", "E3");

  @Test
  void aLineCountsOnlyWhenItsGroupIsExactlyItsTruthGroup() {
    assertThat(LogParsingScorer.groupingAccuracy(List.of(1, 1, 2, 2, 3), TRUTH)).isEqualTo(1.0);
    // E2 split in two: its two lines are wrong, E1 and E3 still right.
    assertThat(LogParsingScorer.groupingAccuracy(List.of(1, 1, 2, 4, 3), TRUTH)).isEqualTo(3.0 / 5);
    // E2 and E3 merged: all three wrong.
    assertThat(LogParsingScorer.groupingAccuracy(List.of(1, 1, 2, 2, 2), TRUTH)).isEqualTo(2.0 / 5);
    // Group keys are opaque: other labels, same partition.
    assertThat(LogParsingScorer.groupingAccuracy(List.of("b", "b", "a", "a", "c"), TRUTH)).isEqualTo(1.0);
  }

  @Test
  void parsingComparesTokensNotSpacing() {
    List<String> truth = List.of("rhost=<*>  user=root", "a <*> b", "x");
    assertThat(LogParsingScorer.parsingAccuracy(List.of("rhost=<*> user=root", "a <*> b", "y"), truth))
        .isEqualTo(2.0 / 3);
    assertThat(LogParsingScorer.parsingAccuracy(List.of("rhost=<*>user=root", "a <*><*> b", "x"), truth))
        .isEqualTo(1.0 / 3);
  }

  @Test
  void lengthsMustAgree() {
    assertThatThrownBy(() -> LogParsingScorer.groupingAccuracy(List.of(1), TRUTH)).hasMessageContaining("1 predictions for 5");
  }
}
