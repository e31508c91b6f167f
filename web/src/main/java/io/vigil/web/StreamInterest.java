package io.vigil.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The series whose live points some stream client of this process watches, over every server
 * instance. The read side publishes a scored point only while its series is watched, so a point
 * nobody watches costs one map lookup where it is read, not a message (and a copy of it) to each
 * event loop serving HTTP. Thread-safe.
 */
public final class StreamInterest {

  private final Map<String, Integer> watchersBySeries = new ConcurrentHashMap<>();

  /** Whether any client is subscribed to the series' points. */
  public boolean watchesPoints(String seriesId) {
    return watchersBySeries.containsKey(seriesId);
  }

  /** A client subscribed to {@code item}; only point items count. */
  void subscribed(String item) {
    String series = seriesOf(item);
    if (series != null) {
      watchersBySeries.merge(series, 1, Integer::sum);
    }
  }

  /** A client that was subscribed to {@code item} is no longer. */
  void unsubscribed(String item) {
    String series = seriesOf(item);
    if (series != null) {
      watchersBySeries.computeIfPresent(series, (key, watchers) -> watchers > 1 ? watchers - 1 : null);
    }
  }

  private static String seriesOf(String item) {
    return item.startsWith(StreamSubscriptions.POINTS_PREFIX) ? item.substring(StreamSubscriptions.POINTS_PREFIX.length()) : null;
  }
}
