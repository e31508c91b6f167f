package io.vigil.web;

import java.util.Collection;

/**
 * How many series this process takes points for. Pushes of points of known series always pass; a
 * push that would add new series beyond the limit is refused whole (429). Implementations are
 * thread-safe.
 */
public interface SeriesBudget {

  /**
   * Admits the series of a batch: true, and the new ones count from now on, when all fit; false,
   * and nothing changes, when the new ones do not.
   */
  boolean admit(Collection<String> seriesIds);

  /** The series counted now. */
  long count();

  /** The most series there may be. */
  long limit();

  /** A budget without a limit, for tests of other routes. */
  static SeriesBudget unlimited() {
    return new SeriesBudget() {
      @Override
      public boolean admit(Collection<String> seriesIds) {
        return true;
      }

      @Override
      public long count() {
        return 0;
      }

      @Override
      public long limit() {
        return Long.MAX_VALUE;
      }
    };
  }
}
