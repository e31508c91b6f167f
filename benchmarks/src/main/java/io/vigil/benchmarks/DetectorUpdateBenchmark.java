package io.vigil.benchmarks;

import io.vigil.detectors.Detector;
import io.vigil.detectors.DetectorRegistry;
import io.vigil.detectors.DetectorType;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/** Throughput of one detector's update on one thread, per detector type, on a noisy daily wave with spikes. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class DetectorUpdateBenchmark {

  private static final int POINTS = 1 << 14;
  private static final long STEP_MILLIS = 300_000L;

  @Param({"default", "rcf"})
  public String detector;

  private double[] values;
  private Detector instance;
  private int next;
  private long timestamp;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(17);
    values = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      values[i] = 100 + 10 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian() + (i % 1009 == 0 ? 40 : 0);
    }
    DetectorType type = DetectorRegistry.load().byName(detector);
    instance = type.create();
    timestamp = 1_400_000_000_000L;
    // Past the forest's warm-up, so both types are measured in their steady state.
    for (int i = 0; i < 1000; i++) {
      update();
    }
  }

  @Benchmark
  public double update() {
    double value = values[next];
    next = (next + 1) & (POINTS - 1);
    timestamp += STEP_MILLIS;
    return instance.update(timestamp, value).score();
  }
}
