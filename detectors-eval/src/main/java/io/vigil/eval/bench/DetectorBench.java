package io.vigil.eval.bench;

import io.vigil.detectors.Detector;
import io.vigil.detectors.DetectorType;
import io.vigil.eval.nab.NabCorpus;
import io.vigil.eval.nab.NabSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Replays a corpus through detector types on the calling thread and measures points per second, and
 * estimates the heap one series' detector holds by keeping many of them alive at once.
 */
public final class DetectorBench {

  /** Points one type scored in a timed replay. */
  public record Throughput(String type, long points, long nanos) {
    public double pointsPerSecond() {
      return nanos == 0 ? 0.0 : points * 1e9 / nanos;
    }
  }

  /** Heap held by {@code series} live detectors of one type, each fed {@code pointsEach} points. */
  public record Footprint(String type, int series, int pointsEach, long bytes) {
    public double bytesPerSeries() {
      return (double) bytes / series;
    }
  }

  /** Throughput and footprint of every type benchmarked in one run. */
  public record Report(List<Throughput> throughput, List<Footprint> footprint) {

    public String format() {
      StringBuilder out = new StringBuilder();
      for (Throughput t : throughput) {
        out.append(String.format(Locale.ROOT, "%-10s %,14.0f points/s  (%,d points in %.1f s)%n", t.type(),
            t.pointsPerSecond(), t.points(), t.nanos() / 1e9));
      }
      if (throughput.size() >= 2) {
        Throughput first = throughput.get(0);
        for (Throughput other : throughput.subList(1, throughput.size())) {
          out.append(String.format(Locale.ROOT, "ratio %s/%s: %.1fx%n", first.type(), other.type(),
              first.pointsPerSecond() / Math.max(1e-9, other.pointsPerSecond())));
        }
      }
      for (Footprint f : footprint) {
        out.append(String.format(Locale.ROOT, "%-10s %,10.0f heap bytes per series  (%,d series, %d points each)%n",
            f.type(), f.bytesPerSeries(), f.series(), f.pointsEach()));
      }
      return out.toString();
    }
  }

  private static volatile double sink;

  private DetectorBench() {}

  /**
   * Replays the corpus through each type in turn, {@code seconds} of wall time each (whole series at
   * a time, at least one pass over one series), then measures each type's footprint with
   * {@code seriesFor(type)} live detectors.
   */
  public static Report run(NabCorpus corpus, List<DetectorType> types, double seconds, int defaultSeries, int heavySeries) {
    List<Throughput> throughput = new ArrayList<>();
    for (DetectorType type : types) {
      throughput(type, corpus, Math.min(seconds, 1.0)); // warm-up for the JIT
      throughput.add(throughput(type, corpus, seconds));
    }
    List<Footprint> footprint = new ArrayList<>();
    for (DetectorType type : types) {
      int series = type.name().equals("rcf") ? heavySeries : defaultSeries;
      footprint.add(footprint(type, series, 600));
    }
    return new Report(throughput, footprint);
  }

  /** Scores whole series, cycling over the corpus, until {@code seconds} have passed. */
  public static Throughput throughput(DetectorType type, NabCorpus corpus, double seconds) {
    long budget = (long) (seconds * 1e9);
    long points = 0;
    double total = 0;
    long start = System.nanoTime();
    long elapsed = 0;
    int next = 0;
    List<NabSeries> series = corpus.series();
    do {
      NabSeries s = series.get(next++ % series.size());
      Detector detector = type.create();
      long[] times = s.timestampMillis();
      double[] values = s.values();
      for (int i = 0; i < values.length; i++) {
        total += detector.update(times[i], values[i]).score();
      }
      points += values.length;
      elapsed = System.nanoTime() - start;
    } while (elapsed < budget);
    sink = total;
    return new Throughput(type.name(), points, elapsed);
  }

  /**
   * Keeps {@code series} detectors alive, each fed {@code pointsEach} points of a noisy daily wave,
   * and reports the growth of used heap after garbage collection. An estimate: the JVM gives no exact
   * object sizes, so it is only as good as {@link System#gc()} is thorough.
   */
  public static Footprint footprint(DetectorType type, int series, int pointsEach) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    long before = usedHeapAfterGc();
    Detector[] live = new Detector[series];
    for (int s = 0; s < series; s++) {
      Detector detector = type.create();
      for (int i = 0; i < pointsEach; i++) {
        double value = 100 + 10 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian();
        detector.update(1_400_000_000_000L + i * 300_000L, value);
      }
      live[s] = detector;
    }
    long after = usedHeapAfterGc();
    sink = live.length;
    return new Footprint(type.name(), series, pointsEach, Math.max(0, after - before));
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }
}
