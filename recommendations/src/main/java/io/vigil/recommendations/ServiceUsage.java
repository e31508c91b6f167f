package io.vigil.recommendations;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one ECS service used over the look-back: decaying histograms of CPU (units) and memory (MiB)
 * in absolute terms, converted from CloudWatch's utilisation percentages with the task size in
 * force when each sample came; CPU utilisation in percent (for scaling, which is about the share of
 * the tasks in use); each day's memory peak; the kills for memory; and the coverage and variation
 * the confidence rests on. Not thread-safe: it belongs to one partition's state.
 */
public final class ServiceUsage {

  static final long MINUTE = 60_000L;
  static final long DAY = 24 * 60 * MINUTE;
  /** Two reports of one kill (the application's OutOfMemoryError, ECS's stop reason) within this are one kill. */
  static final long KILL_MERGE_MILLIS = 5 * MINUTE;
  static final int MAX_KILLS = 50;
  /** Inputs held while no task size is known (ECS not answered yet), replayed once one is. */
  static final int MAX_PENDING = 20_000;

  private String cluster;
  private final String service;
  private final long halfLifeMillis;
  private final long lookbackMillis;
  private DecayingHistogram cpuUnits;
  private DecayingHistogram cpuPercent;
  private DecayingHistogram memoryMiB;
  private final TreeMap<Long, Double> dailyMemoryPeaksMiB = new TreeMap<>();
  private final List<MemoryKill> kills = new ArrayList<>();
  private final Welford cpuVariation = new Welford();
  private final Welford memoryVariation = new Welford();
  private TaskSize taskSize;
  private long firstMillis = -1;
  private long lastMillis = -1;
  private long coveredMinutes;
  private long lastMinute = Long.MIN_VALUE;
  private double lastMemoryMiB;
  private long samplesWithoutSize;
  private final List<Pending> pending = new ArrayList<>();

  /** An input that came before any task size was known. */
  private record Pending(char kind, long timeMillis, double value, String source, String detail) {}

  public ServiceUsage(String cluster, String service, long halfLifeMillis, int lookbackDays) {
    this.cluster = cluster;
    this.service = service;
    this.halfLifeMillis = halfLifeMillis;
    this.lookbackMillis = lookbackDays * DAY;
    this.cpuUnits = new DecayingHistogram(halfLifeMillis);
    this.cpuPercent = new DecayingHistogram(halfLifeMillis);
    this.memoryMiB = new DecayingHistogram(halfLifeMillis);
  }

  /** Streaming mean and variance (Welford), for the coefficient of variation. */
  public static final class Welford {
    long count;
    double mean;
    double m2;

    void add(double value) {
      count++;
      double delta = value - mean;
      mean += delta / count;
      m2 += delta * (value - mean);
    }

    public double coefficientOfVariation() {
      if (count < 2 || mean <= 0) {
        return 0;
      }
      return Math.sqrt(m2 / (count - 1)) / mean;
    }

    public State state() {
      return new State(count, mean, m2);
    }

    /** Saved form. */
    public record State(long count, double mean, double m2) {}
  }

  /** The saved form of all of it; histograms and peaks as their own states. */
  public record State(
      String cluster, String service, DecayingHistogram.State cpuUnits, DecayingHistogram.State cpuPercent, DecayingHistogram.State memoryMiB,
      SortedMap<Long, Double> dailyMemoryPeaksMiB, List<MemoryKill> kills, Welford.State cpuVariation, Welford.State memoryVariation,
      Optional<TaskSize> taskSize, long firstMillis, long lastMillis, long coveredMinutes, long lastMinute, double lastMemoryMiB) {}

  public State state() {
    return new State(cluster, service, cpuUnits.state(), cpuPercent.state(), memoryMiB.state(), new TreeMap<>(dailyMemoryPeaksMiB),
        List.copyOf(kills), cpuVariation.state(), memoryVariation.state(), Optional.ofNullable(taskSize), firstMillis, lastMillis,
        coveredMinutes, lastMinute, lastMemoryMiB);
  }

  public static ServiceUsage restore(State state, long halfLifeMillis, int lookbackDays) {
    ServiceUsage usage = new ServiceUsage(state.cluster(), state.service(), halfLifeMillis, lookbackDays);
    usage.cpuUnits = DecayingHistogram.restore(halfLifeMillis, state.cpuUnits());
    usage.cpuPercent = DecayingHistogram.restore(halfLifeMillis, state.cpuPercent());
    usage.memoryMiB = DecayingHistogram.restore(halfLifeMillis, state.memoryMiB());
    usage.dailyMemoryPeaksMiB.putAll(state.dailyMemoryPeaksMiB());
    usage.kills.addAll(state.kills());
    restore(usage.cpuVariation, state.cpuVariation());
    restore(usage.memoryVariation, state.memoryVariation());
    usage.taskSize = state.taskSize().orElse(null);
    usage.firstMillis = state.firstMillis();
    usage.lastMillis = state.lastMillis();
    usage.coveredMinutes = state.coveredMinutes();
    usage.lastMinute = state.lastMinute();
    usage.lastMemoryMiB = state.lastMemoryMiB();
    return usage;
  }

  private static void restore(Welford welford, Welford.State state) {
    welford.count = state.count();
    welford.mean = state.mean();
    welford.m2 = state.m2();
  }

  public String cluster() {
    return cluster;
  }

  /** Learns the cluster from an input that names it, when none was known. */
  public void cluster(String named) {
    if (cluster.isEmpty() && named != null && !named.isEmpty()) {
      cluster = named;
    }
  }

  public String service() {
    return service;
  }

  public Optional<TaskSize> taskSize() {
    return Optional.ofNullable(taskSize);
  }

  /**
   * The size samples are converted with from now on. The first size known also converts the inputs
   * held until then (not checkpointed: a restart before ECS answers loses them).
   */
  public void taskSize(TaskSize size) {
    boolean first = taskSize == null;
    this.taskSize = size;
    if (first && !pending.isEmpty()) {
      List<Pending> held = List.copyOf(pending);
      pending.clear();
      for (Pending input : held) {
        switch (input.kind()) {
          case 'c' -> addCpuPercent(input.timeMillis(), input.value());
          case 'm' -> addMemoryPercent(input.timeMillis(), input.value());
          default -> addKill(input.timeMillis(), input.source(), input.detail());
        }
      }
    }
  }

  /** Inputs that came before any task size was known and beyond what is held for it, not counted. */
  public long samplesWithoutSize() {
    return samplesWithoutSize;
  }

  private boolean held(char kind, long timeMillis, double value, String source, String detail) {
    if (taskSize != null) {
      return false;
    }
    if (pending.size() < MAX_PENDING) {
      pending.add(new Pending(kind, timeMillis, value, source, detail));
    } else {
      samplesWithoutSize++;
    }
    return true;
  }

  /** A {@code CPUUtilization} sample (percent of the task's CPU); false if it waits for a task size. */
  public boolean addCpuPercent(long timeMillis, double percent) {
    if (held('c', timeMillis, percent, "", "")) {
      return false;
    }
    double clamped = clampPercent(percent);
    cpuUnits.add(clamped / 100 * taskSize.size().cpu(), timeMillis);
    cpuPercent.add(clamped, timeMillis);
    cpuVariation.add(clamped);
    seen(timeMillis);
    return true;
  }

  /** A {@code MemoryUtilization} sample (percent of the task's memory); false if it waits for a task size. */
  public boolean addMemoryPercent(long timeMillis, double percent) {
    if (held('m', timeMillis, percent, "", "")) {
      return false;
    }
    double clamped = clampPercent(percent);
    double used = clamped / 100 * taskSize.size().memoryMiB();
    memoryMiB.add(used, timeMillis);
    memoryVariation.add(clamped);
    dailyMemoryPeaksMiB.merge(Math.floorDiv(timeMillis, DAY), used, Math::max);
    lastMemoryMiB = used;
    seen(timeMillis);
    return true;
  }

  /**
   * A kill for memory. Its usage is the task's memory limit (the container was stopped on reaching
   * it) or the last sample if higher. Reports within {@link #KILL_MERGE_MILLIS} of a kill already
   * held are the same kill. Returns whether it was new; false also while it waits for a task size.
   */
  public boolean addKill(long timeMillis, String source, String detail) {
    if (held('k', timeMillis, 0, source, detail)) {
      return false;
    }
    for (MemoryKill held : kills) {
      if (Math.abs(held.atMillis() - timeMillis) <= KILL_MERGE_MILLIS) {
        return false;
      }
    }
    double limit = taskSize == null ? 0 : taskSize.size().memoryMiB();
    double usage = Math.max(limit, lastMemoryMiB);
    if (usage <= 0) {
      return false;
    }
    String shortened = detail.length() > 300 ? detail.substring(0, 300) : detail;
    kills.add(new MemoryKill(timeMillis, usage, source, shortened));
    kills.sort(java.util.Comparator.comparingLong(MemoryKill::atMillis));
    while (kills.size() > MAX_KILLS) {
      kills.remove(0);
    }
    seen(timeMillis);
    return true;
  }

  /** Forgets what lies beyond the look-back from {@code nowMillis}: old day peaks and kills. */
  public void trim(long nowMillis) {
    long oldestDay = Math.floorDiv(nowMillis - lookbackMillis, DAY);
    dailyMemoryPeaksMiB.headMap(oldestDay).clear();
    kills.removeIf(kill -> kill.atMillis() < nowMillis - lookbackMillis);
    if (firstMillis >= 0 && firstMillis < nowMillis - lookbackMillis) {
      firstMillis = nowMillis - lookbackMillis;
    }
  }

  private void seen(long timeMillis) {
    if (firstMillis < 0 || timeMillis < firstMillis) {
      firstMillis = timeMillis;
    }
    lastMillis = Math.max(lastMillis, timeMillis);
    long minute = Math.floorDiv(timeMillis, MINUTE);
    if (minute != lastMinute) {
      coveredMinutes++;
      lastMinute = minute;
    }
  }

  private static double clampPercent(double percent) {
    return Double.isNaN(percent) ? 0 : Math.max(0, Math.min(100, percent));
  }

  public DecayingHistogram cpuUnits() {
    return cpuUnits;
  }

  public DecayingHistogram cpuPercent() {
    return cpuPercent;
  }

  public DecayingHistogram memoryMiB() {
    return memoryMiB;
  }

  /** Day (epoch day number) to that day's memory peak, MiB. */
  public SortedMap<Long, Double> dailyMemoryPeaksMiB() {
    return java.util.Collections.unmodifiableSortedMap(dailyMemoryPeaksMiB);
  }

  public List<MemoryKill> kills() {
    return List.copyOf(kills);
  }

  public long firstMillis() {
    return firstMillis;
  }

  public long lastMillis() {
    return lastMillis;
  }

  /** Hours between the first and the last sample in the look-back. */
  public double spanHours() {
    return firstMillis < 0 ? 0 : (double) (lastMillis - firstMillis) / (60 * MINUTE);
  }

  /** Days of evidence, counting each minute with a sample once (so sparse data counts for less than its span). */
  public double coveredDays() {
    return (double) coveredMinutes / (24 * 60);
  }

  public long sampleCount() {
    return cpuVariation.count + memoryVariation.count;
  }

  /** The larger coefficient of variation of the CPU and memory utilisation. */
  public double coefficientOfVariation() {
    return Math.max(cpuVariation.coefficientOfVariation(), memoryVariation.coefficientOfVariation());
  }

  public boolean hasSamples() {
    return !cpuUnits.isEmpty() && !memoryMiB.isEmpty();
  }
}
