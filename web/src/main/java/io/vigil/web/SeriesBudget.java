package io.vigil.web;

import io.vigil.model.SeriesKey;
import java.util.Collection;
import java.util.Optional;

/**
 * How many series this process takes points for, in all and per namespace. Pushes of points of
 * known series always pass; a push that would add new series beyond a limit is refused whole
 * (429). Implementations are thread-safe.
 */
public interface SeriesBudget {

  /**
   * Admits the series of a batch: empty, and the new ones count from now on, when all fit; else
   * the limit they would pass, and nothing changes.
   */
  Optional<Refusal> admit(Collection<SeriesKey> series);

  /** The series counted now. */
  long count();

  /** The most series there may be. */
  long limit();

  /**
   * Why a batch was refused.
   *
   * @param setting the configuration key of the limit, e.g. {@code series.maxSeries}
   * @param scope what the limit counts: {@code process}, or the namespace
   * @param limit the limit
   * @param known how many series it counts now
   * @param fresh how many new series the batch would have added to it
   */
  record Refusal(String setting, String scope, long limit, long known, int fresh) {

    /** What a client is told. */
    public String message() {
      String of = "process".equals(scope) ? "" : " for namespace " + scope;
      return "would add " + fresh + " series beyond " + setting + of + " (" + limit + "; " + known + " known)";
    }
  }

  /** A budget without a limit, for tests of other routes. */
  static SeriesBudget unlimited() {
    return new SeriesBudget() {
      @Override
      public Optional<Refusal> admit(Collection<SeriesKey> series) {
        return Optional.empty();
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
