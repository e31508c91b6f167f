package io.vigil.ingest.cloudwatch;

import io.vigil.model.MetricPoint;
import io.vigil.model.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides which datapoints of one re-read window to emit, and the query's next cursor. A datapoint
 * is emitted once: when it is newer than the watermark, not emitted before, and settled (its period
 * ended at least {@code settleMillis} ago, since CloudWatch still revises younger ones). The
 * watermark then moves to the start of the trailing window, which the next poll re-reads. A
 * datapoint older than the trailing window is catch-up (a first read reaching back, or the read after
 * an outage) and is emitted marked as history, so it is scored but never pages.
 */
public final class MetricWindow {

  private final long windowMillis;
  private final long settleMillis;

  public MetricWindow(long windowMillis, long settleMillis) {
    this.windowMillis = windowMillis;
    this.settleMillis = settleMillis;
  }

  /** The outcome of one poll for one query. */
  public record Step(List<MetricPoint> points, QueryCursor cursor) {}

  /** Where the read for a query must start so that nothing after its watermark is missed. */
  public long readFromMillis(QueryCursor cursor, long nowMillis, long maxCatchUpMillis) {
    long earliest = nowMillis - maxCatchUpMillis;
    if (cursor == null) {
      return earliest;
    }
    return Math.max(earliest, Math.min(cursor.watermarkMillis() + 1, nowMillis - windowMillis));
  }

  /**
   * @param cursor the query's cursor, or null when it has none
   * @param readFromMillis where this poll's read started (from {@link #readFromMillis})
   * @param datapoints timestamp → value as CloudWatch returned them for the read
   */
  public Step step(MetricQuery query, QueryCursor cursor, long readFromMillis, TreeMap<Long, Double> datapoints, long nowMillis) {
    long watermark = cursor == null ? readFromMillis - 1 : cursor.watermarkMillis();
    TreeSet<Long> emitted = new TreeSet<>(cursor == null ? List.of() : cursor.emittedMillis());
    long settledBefore = nowMillis - query.periodMillis() - settleMillis;
    List<MetricPoint> points = new ArrayList<>();
    SeriesKey series = query.series();
    datapoints.forEach((timestamp, value) -> {
      if (timestamp <= watermark || emitted.contains(timestamp) || timestamp > settledBefore || !Double.isFinite(value)) {
        return;
      }
      boolean catchUp = timestamp < nowMillis - windowMillis;
      points.add(new MetricPoint(series, timestamp, value, "None", catchUp));
      emitted.add(timestamp);
    });
    long nextWatermark = Math.max(watermark, Math.min(nowMillis - windowMillis, settledBefore));
    List<Long> stillOpen = new ArrayList<>(emitted.tailSet(nextWatermark, false));
    return new Step(points, new QueryCursor(nextWatermark, stillOpen));
  }
}
