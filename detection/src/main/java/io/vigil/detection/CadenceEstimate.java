package io.vigil.detection;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * A series' cadence: the median of the gaps between its last {@value #GAPS} scored points. The
 * median ignores an outage's one long gap and a retried point's one short one, so a 5-minute series
 * reads as 5 minutes after three points and stays so across a gap in its data. Not thread-safe.
 */
final class CadenceEstimate {

  /** Gaps remembered; odd, so the median is one of them. */
  static final int GAPS = 9;

  private final Deque<Long> gaps = new ArrayDeque<>(GAPS);

  CadenceEstimate() {}

  /** An estimate restored from its checkpointed gaps, oldest first (the newest {@value #GAPS} are kept). */
  CadenceEstimate(Collection<Long> checkpointed) {
    checkpointed.stream().filter(gap -> gap > 0).forEach(this::remember);
  }

  /** Counts the gap between two consecutive scored points of the series. */
  void observe(long previousMillis, long nextMillis) {
    if (previousMillis != Long.MIN_VALUE && nextMillis > previousMillis) {
      remember(nextMillis - previousMillis);
    }
  }

  private void remember(long gapMillis) {
    if (gaps.size() == GAPS) {
      gaps.removeFirst();
    }
    gaps.addLast(gapMillis);
  }

  /** The median gap, 0 before the series has two points. */
  long periodMillis() {
    if (gaps.isEmpty()) {
      return 0;
    }
    long[] sorted = gaps.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted[(sorted.length - 1) / 2];
  }

  /** The gaps to checkpoint, oldest first. */
  List<Long> gaps() {
    return List.copyOf(gaps);
  }
}
