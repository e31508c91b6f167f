package io.vigil.logpatterns.api;

import io.vigil.logpatterns.PatternSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The latest summary of every pattern, by log group: written by the view, read by the routes. */
public final class PatternBoard {

  private final Map<String, Map<String, PatternSummary>> byGroup = new ConcurrentHashMap<>();

  public void put(PatternSummary summary) {
    byGroup.computeIfAbsent(summary.logGroup(), group -> new ConcurrentHashMap<>()).put(summary.patternId(), summary);
  }

  /** The patterns of {@code logGroup} (every group when empty) seen at or after {@code sinceMillis}, most lines first. */
  public List<PatternSummary> list(String logGroup, long sinceMillis) {
    List<PatternSummary> out = new ArrayList<>();
    byGroup.forEach((group, patterns) -> {
      if (logGroup.isEmpty() || logGroup.equals(group)) {
        patterns.values().stream().filter(p -> p.lastSeenMillis() >= sinceMillis).forEach(out::add);
      }
    });
    out.sort(Comparator.comparingLong(PatternSummary::count).reversed()
        .thenComparing(PatternSummary::logGroup).thenComparing(PatternSummary::patternId));
    return out;
  }
}
