package io.vigil.detectors.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class LineMaskerTest {

  private final LineMasker all = new LineMasker(EnumSet.allOf(MaskKind.class), 1_000);

  @Test
  void numbersIpsPortsAndIdsBecomeOneWildcardEach() {
    assertThat(all.tokens("PacketResponder 1 for block blk_-6952295868487656571 terminating"))
        .containsExactly("PacketResponder", "<*>", "for", "block", "blk_<*>", "terminating");
    assertThat(all.tokens("from 10.251.73.220:50010 took 0.25s"))
        .containsExactly("from", "<*>:<*>", "took", "<*>");
    assertThat(all.tokens("id 123e4567-e89b-12d3-a456-426614174000 at 0x7ffe"))
        .containsExactly("id", "<*>-<*>-<*>-<*>-<*>", "at", "<*>");
    assertThat(all.tokens("processor.........0 offset -12")).containsExactly("processor.........<*>", "offset", "<*>");
  }

  @Test
  void pathsUrlsHexDatesAndQuotes() {
    assertThat(all.tokens("chdir(/p/gb2/x) failed, see ./logs/a.txt: ~/b"))
        .containsExactly("chdir(<*>)", "failed,", "see", "<*>:", "<*>");
    assertThat(all.tokens("GET https://example.com/a?b=c deadbeefcafe"))
        .containsExactly("GET", "<*>", "<*>");
    assertThat(all.tokens("at Fri Jun 17 07:07:00 2005")).containsExactly("at", "<*>", "<*>", "<*>", "<*>:<*>:<*>", "<*>");
    assertThat(all.tokens("state 'Active' and \"x y\"")).containsExactly("state", "<*>", "and", "\"x", "y\"");
  }

  @Test
  void wordsThatOnlyLookLikeMasksStay() {
    assertThat(all.tokens("and/or added faced decade I/O -- - /"))
        .containsExactly("and/or", "added", "faced", "decade", "I/O", "--", "-", "/");
  }

  @Test
  void onlyTheConfiguredKindsAreMasked() {
    LineMasker numbersOnly = new LineMasker(EnumSet.of(MaskKind.NUMBER), 1_000);
    assertThat(numbersOnly.tokens("open /var/log/x 'q' Jun 42"))
        .containsExactly("open", "/var/log/x", "'q'", "Jun", "<*>");
    assertThat(new LineMasker(EnumSet.noneOf(MaskKind.class), 1_000).tokens("a 1")).containsExactly("a", "1");
  }

  @Test
  void longLinesAreCutAndWhitespaceRunsCollapse() {
    LineMasker short10 = new LineMasker(EnumSet.allOf(MaskKind.class), 10);
    assertThat(short10.tokens("abc def ghi jkl")).containsExactly("abc", "def", "gh");
    assertThat(all.tokens("  a\t\tb  ")).containsExactly("a", "b");
    assertThat(all.tokens("")).isEmpty();
  }
}
