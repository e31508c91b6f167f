package io.vigil.recommendations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Memory needs the peak, not the typical value, as the VPA recommender says: one sample per day
 * (its peak), each weighed by the same half-life as the histograms, and each kill for memory as a
 * peak of {@code max(1.2 x usage at the kill, usage + 100 MiB)} on its day, since the task would
 * have used more had it been allowed. Percentiles here are exact over the few day peaks.
 */
public final class MemoryPeaks {

  /** After a kill, at least this many times the usage at the kill... */
  public static final double KILL_BUMP_RATIO = 1.2;
  /** ...and at least this much more. */
  public static final double KILL_BUMP_MIB = 100;

  private final SortedMap<Long, Double> peaksByDay;
  private final long halfLifeMillis;

  private MemoryPeaks(SortedMap<Long, Double> peaksByDay, long halfLifeMillis) {
    this.peaksByDay = peaksByDay;
    this.halfLifeMillis = halfLifeMillis;
  }

  /** The day peaks with every kill's bump merged into its day. */
  public static MemoryPeaks of(Map<Long, Double> dailyPeaksMiB, List<MemoryKill> kills, long halfLifeMillis) {
    SortedMap<Long, Double> peaks = new TreeMap<>(dailyPeaksMiB);
    for (MemoryKill kill : kills) {
      peaks.merge(Math.floorDiv(kill.atMillis(), ServiceUsage.DAY), bump(kill.usageMiB()), Math::max);
    }
    return new MemoryPeaks(peaks, halfLifeMillis);
  }

  /** What a kill at {@code usageMiB} says the task needs at least. */
  public static double bump(double usageMiB) {
    return Math.max(KILL_BUMP_RATIO * usageMiB, usageMiB + KILL_BUMP_MIB);
  }

  public boolean isEmpty() {
    return peaksByDay.isEmpty();
  }

  public double max() {
    return peaksByDay.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  /** The weighted percentile of the day peaks, newest day weighing 1 and each day before half-lives less. */
  public double percentile(double p) {
    if (peaksByDay.isEmpty()) {
      return 0;
    }
    long newest = peaksByDay.lastKey();
    record Weighted(double value, double weight) {}
    List<Weighted> items = new ArrayList<>();
    double total = 0;
    for (Map.Entry<Long, Double> entry : peaksByDay.entrySet()) {
      double weight = Math.pow(2, -(double) (newest - entry.getKey()) * ServiceUsage.DAY / halfLifeMillis);
      items.add(new Weighted(entry.getValue(), weight));
      total += weight;
    }
    items.sort(Comparator.comparingDouble(Weighted::value));
    double cumulative = 0;
    for (Weighted item : items) {
      cumulative += item.weight();
      if (cumulative >= p * total - 1e-12) {
        return item.value();
      }
    }
    return items.get(items.size() - 1).value();
  }

  public SortedMap<Long, Double> byDay() {
    return java.util.Collections.unmodifiableSortedMap(peaksByDay);
  }
}
