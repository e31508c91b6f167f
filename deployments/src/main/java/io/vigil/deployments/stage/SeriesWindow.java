package io.vigil.deployments.stage;

import java.util.ArrayList;
import java.util.List;

/**
 * The recent values of one series, in arrival order, as parallel arrays that grow by doubling and
 * are trimmed from the front; selecting a time range filters them, so values a little out of order
 * still land in the right window. Not thread-safe.
 */
final class SeriesWindow {

  /** Hard cap per series, whatever the windows: at one value a second this is almost three hours. */
  static final int MAX_VALUES = 10_000;

  final String metric;
  private long[] times = new long[16];
  private double[] values = new double[16];
  private boolean[] history = new boolean[16];
  private int size;
  private long newestMillis = Long.MIN_VALUE;

  SeriesWindow(String metric) {
    this.metric = metric;
  }

  void add(long timeMillis, double value, boolean isHistory) {
    if (size == MAX_VALUES) {
      dropFirst(size / 10);
    }
    if (size == times.length) {
      int capacity = Math.min(MAX_VALUES, times.length * 2);
      times = java.util.Arrays.copyOf(times, capacity);
      values = java.util.Arrays.copyOf(values, capacity);
      history = java.util.Arrays.copyOf(history, capacity);
    }
    times[size] = timeMillis;
    values[size] = value;
    history[size] = isHistory;
    size++;
    newestMillis = Math.max(newestMillis, timeMillis);
  }

  /** The newest value time this window has seen. */
  long newestMillis() {
    return newestMillis;
  }

  /** Forgets the values stamped before {@code cutoffMillis}. */
  void forgetBefore(long cutoffMillis) {
    int keepFrom = 0;
    while (keepFrom < size && times[keepFrom] < cutoffMillis) {
      keepFrom++;
    }
    dropFirst(keepFrom);
  }

  private void dropFirst(int count) {
    if (count <= 0) {
      return;
    }
    System.arraycopy(times, count, times, 0, size - count);
    System.arraycopy(values, count, values, 0, size - count);
    System.arraycopy(history, count, history, 0, size - count);
    size -= count;
  }

  /** The values stamped in [{@code fromMillis}, {@code toMillis}). */
  double[] between(long fromMillis, long toMillis) {
    List<Double> selected = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (times[i] >= fromMillis && times[i] < toMillis) {
        selected.add(values[i]);
      }
    }
    return selected.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Whether any value is stamped in [{@code fromMillis}, {@code toMillis}); stops at the first. */
  boolean anyBetween(long fromMillis, long toMillis) {
    for (int i = 0; i < size; i++) {
      if (times[i] >= fromMillis && times[i] < toMillis) {
        return true;
      }
    }
    return false;
  }

  /** Whether any value in [{@code fromMillis}, {@code toMillis}) was live (not history). */
  boolean anyLiveBetween(long fromMillis, long toMillis) {
    for (int i = 0; i < size; i++) {
      if (times[i] >= fromMillis && times[i] < toMillis && !history[i]) {
        return true;
      }
    }
    return false;
  }

  int size() {
    return size;
  }

  long time(int i) {
    return times[i];
  }

  double value(int i) {
    return values[i];
  }

  boolean history(int i) {
    return history[i];
  }
}
