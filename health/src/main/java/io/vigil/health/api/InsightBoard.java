package io.vigil.health.api;

import io.vigil.health.insight.Insight;
import io.vigil.health.insight.InsightStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest form of every insight, as {@code vigil.insights} last said, for the insights API.
 * Closed insights beyond the newest {@link #MAX_CLOSED} are let go (a batch at a time), so the board stays bounded
 * however long the engine runs. Written by the view's event loop, read by the API's: the map is
 * concurrent and each value immutable.
 */
public final class InsightBoard {

  public static final int MAX_CLOSED = 1000;
  /** Closed insights are let go in batches of this many, so a board read from a long topic is not re-sorted per record. */
  static final int TRIM_BATCH = 100;

  /** Open first, then the most recently started first. */
  static final Comparator<Insight> NEWEST_FIRST = Comparator
      .comparing((Insight insight) -> insight.status() != InsightStatus.OPEN)
      .thenComparing(Comparator.comparingLong(Insight::startMillis).reversed())
      .thenComparing(Insight::id);

  private final Map<String, Insight> insights = new ConcurrentHashMap<>();

  /** Keeps {@code insight} unless a newer form of it is already held; returns whether it was kept. */
  public boolean put(Insight insight) {
    boolean[] kept = {false};
    insights.compute(insight.id(), (id, held) -> {
      if (held != null && held.updatedAtMillis() > insight.updatedAtMillis()) {
        return held;
      }
      kept[0] = true;
      return insight;
    });
    if (kept[0] && insight.status() == InsightStatus.CLOSED) {
      trimClosed();
    }
    return kept[0];
  }

  private void trimClosed() {
    List<Insight> closed = insights.values().stream().filter(insight -> insight.status() == InsightStatus.CLOSED).toList();
    if (closed.size() <= MAX_CLOSED + TRIM_BATCH) {
      return;
    }
    closed.stream().sorted(Comparator.comparingLong((Insight insight) -> insight.endMillis().orElse(insight.startMillis())))
        .limit(closed.size() - MAX_CLOSED)
        .forEach(insight -> insights.remove(insight.id(), insight));
  }

  public Optional<Insight> get(String id) {
    return Optional.ofNullable(insights.get(id));
  }

  /** The insights with {@code status} (any when empty) of {@code service} (any when empty), newest first, at most {@code limit}. */
  public List<Insight> list(Optional<InsightStatus> status, String service, int limit) {
    List<Insight> matching = new ArrayList<>();
    for (Insight insight : insights.values()) {
      if (status.map(wanted -> wanted == insight.status()).orElse(true)
          && (service.isEmpty() || insight.service().equals(service) || insight.affectedServices().contains(service))) {
        matching.add(insight);
      }
    }
    matching.sort(NEWEST_FIRST);
    return matching.subList(0, Math.min(limit, matching.size()));
  }

  /** How many insights are open for {@code service} (as its own or as an affected dependency). */
  public long openCount(String service) {
    return insights.values().stream()
        .filter(insight -> insight.status() == InsightStatus.OPEN && (insight.service().equals(service) || insight.affectedServices().contains(service)))
        .count();
  }
}
