package io.vigil.view;

import io.vigil.model.ScoredPoint;
import io.vigil.model.SeriesKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The scored points of one series, by timestamp, capped to the newest {@code capacity}: a column of
 * primitives per field instead of an object per point, so a point costs 48 bytes of heap (its
 * timestamp, value, score and band, and a reference each to its service and detector name, which
 * repeat and are shared with a neighbour's), 60 with the columns' spare quarter, where a sorted map
 * of point objects, each with its own copy of the series key, cost several hundred. The series key is kept once. Points mostly come
 * in time order and are appended; a late one is inserted in place.
 *
 * <p>The columns hold the points from {@code start} to {@code start + size}; the oldest leaves by
 * moving {@code start}, and the points move back to the front only when the end is reached, so
 * every point is copied a few times at most over its life. Not thread-safe: the caller locks.
 */
final class PointColumns {

  private static final int INITIAL_LENGTH = 2;

  private final int capacity;
  private SeriesKey series;
  private long[] times = new long[INITIAL_LENGTH];
  private double[] values = new double[INITIAL_LENGTH];
  private double[] scores = new double[INITIAL_LENGTH];
  private double[] lowers = new double[INITIAL_LENGTH];
  private double[] uppers = new double[INITIAL_LENGTH];
  private String[] services = new String[INITIAL_LENGTH];
  private String[] detectors = new String[INITIAL_LENGTH];
  private int start;
  private int size;
  private long total;
  private long late;

  PointColumns(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Adds a point unless its timestamp is already held (the first record of a timestamp wins: one
   * written again after a restart is the same point); true when added. A point older than every
   * held one while the series is full counts as added and leaves at once, as the oldest would.
   */
  boolean add(ScoredPoint point) {
    long time = point.timestampMillis();
    int at;
    if (size == 0 || time > times[start + size - 1]) {
      at = size;
    } else {
      int found = Arrays.binarySearch(times, start, start + size, time);
      if (found >= 0) {
        return false;
      }
      at = -found - 1 - start;
    }
    if (series == null) {
      series = point.series();
    }
    total++;
    if (point.late()) {
      late++;
    }
    if (at == 0 && size == capacity) {
      return true;
    }
    makeRoomAtEnd();
    int index = start + at;
    if (at < size) {
      shiftRight(index);
    }
    times[index] = time;
    values[index] = point.value();
    scores[index] = point.score();
    lowers[index] = point.lower();
    uppers[index] = point.upper();
    boolean hasNext = at < size;
    services[index] = shared(point.service(), services, index, hasNext);
    detectors[index] = shared(point.detector(), detectors, index, hasNext);
    size++;
    if (size > capacity) {
      services[start] = null;
      detectors[start] = null;
      start++;
      size--;
    }
    return true;
  }

  /** Up to {@code limit} points in {@code [fromMillis, toMillis)}, the newest of them, oldest first. */
  List<ScoredPoint> range(long fromMillis, long toMillis, int limit) {
    if (fromMillis >= toMillis || size == 0 || limit <= 0) {
      return List.of();
    }
    int from = lowerBound(fromMillis);
    int to = lowerBound(toMillis);
    int first = Math.max(from, to - limit);
    List<ScoredPoint> points = new ArrayList<>(Math.max(0, to - first));
    for (int i = first; i < to; i++) {
      points.add(pointAt(i));
    }
    return points;
  }

  /** The newest point, if any. */
  Optional<ScoredPoint> last() {
    return size == 0 ? Optional.empty() : Optional.of(pointAt(start + size - 1));
  }

  /** Every point ever added (including those since evicted). */
  long total() {
    return total;
  }

  /** Every late point ever added. */
  long late() {
    return late;
  }

  /** The points held now. */
  int size() {
    return size;
  }

  private ScoredPoint pointAt(int index) {
    return new ScoredPoint(series, services[index], times[index], values[index], scores[index], lowers[index], uppers[index], detectors[index]);
  }

  /** The first index whose time is at or after {@code millis}. */
  private int lowerBound(long millis) {
    int low = start;
    int high = start + size;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (times[middle] < millis) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** A neighbour's equal string instead of this point's own copy, so repeated names are held once. */
  private String shared(String text, String[] column, int index, boolean hasNext) {
    if (index > start && text.equals(column[index - 1])) {
      return column[index - 1];
    }
    if (hasNext && text.equals(column[index + 1])) {
      return column[index + 1];
    }
    return text;
  }

  /** Ensures index {@code start + size} exists: moves the points to the front, or grows the columns. */
  private void makeRoomAtEnd() {
    if (start + size < times.length) {
      return;
    }
    // Room for the capacity plus a quarter: the front is reclaimed once a quarter has been evicted.
    int longest = capacity + Math.max(8, capacity / 4);
    if (start > 0 && (times.length >= longest || start >= size)) {
      moveTo(times.length);
    } else {
      moveTo(Math.min(longest, Math.max(times.length * 2, size + 1)));
    }
  }

  /** Moves the held points to the front of columns of {@code length} (the same columns if that is their length). */
  private void moveTo(int length) {
    if (length == times.length) {
      System.arraycopy(times, start, times, 0, size);
      System.arraycopy(values, start, values, 0, size);
      System.arraycopy(scores, start, scores, 0, size);
      System.arraycopy(lowers, start, lowers, 0, size);
      System.arraycopy(uppers, start, uppers, 0, size);
      System.arraycopy(services, start, services, 0, size);
      System.arraycopy(detectors, start, detectors, 0, size);
      Arrays.fill(services, size, services.length, null);
      Arrays.fill(detectors, size, detectors.length, null);
    } else {
      times = copy(times, length);
      values = copy(values, length);
      scores = copy(scores, length);
      lowers = copy(lowers, length);
      uppers = copy(uppers, length);
      services = copy(services, length);
      detectors = copy(detectors, length);
    }
    start = 0;
  }

  private long[] copy(long[] column, int length) {
    long[] copied = new long[length];
    System.arraycopy(column, start, copied, 0, size);
    return copied;
  }

  private double[] copy(double[] column, int length) {
    double[] copied = new double[length];
    System.arraycopy(column, start, copied, 0, size);
    return copied;
  }

  private String[] copy(String[] column, int length) {
    String[] copied = new String[length];
    System.arraycopy(column, start, copied, 0, size);
    return copied;
  }

  /** Moves the points from {@code index} on one place right; the place at {@code start + size} exists. */
  private void shiftRight(int index) {
    int moved = start + size - index;
    System.arraycopy(times, index, times, index + 1, moved);
    System.arraycopy(values, index, values, index + 1, moved);
    System.arraycopy(scores, index, scores, index + 1, moved);
    System.arraycopy(lowers, index, lowers, index + 1, moved);
    System.arraycopy(uppers, index, uppers, index + 1, moved);
    System.arraycopy(services, index, services, index + 1, moved);
    System.arraycopy(detectors, index, detectors, index + 1, moved);
  }
}
