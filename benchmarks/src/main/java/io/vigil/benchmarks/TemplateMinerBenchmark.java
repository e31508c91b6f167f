package io.vigil.benchmarks;

import io.vigil.detectors.logs.TemplateMiner;
import io.vigil.detectors.logs.TemplateMinerConfig;
import io.vigil.eval.loghub.LoghubCorpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lines per second of the template miner on one thread, over the Loghub development samples' messages
 * in file order (a fresh miner per sample, so template creation is in the figure), beside a plain
 * {@code String.split} pass over the same lines measured in the same run: the machine is shared and
 * noisy, so the ratio of the two is the figure to compare across runs. Each operation is one line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class TemplateMinerBenchmark {

  private String[] lines;
  private int[] sampleStarts;
  private int next;
  private int nextSample;
  private TemplateMiner miner;

  @Setup(Level.Trial)
  public void setUp() {
    Path data = LoghubCorpus.development().orElseThrow(() -> new IllegalStateException(
        "Loghub development samples not found; looked in " + LoghubCorpus.searched()));
    List<String> all = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    for (String system : LoghubCorpus.systems(data)) {
      starts.add(all.size());
      all.addAll(LoghubCorpus.read(data, system).contents());
    }
    lines = all.toArray(String[]::new);
    sampleStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    next = 0;
    nextSample = 0;
  }

  @Benchmark
  public int mine() {
    if (nextSample < sampleStarts.length && next == sampleStarts[nextSample]) {
      miner = new TemplateMiner(TemplateMinerConfig.defaults());
      nextSample++;
    }
    int id = miner.add(lines[next]).templateId();
    if (++next == lines.length) {
      next = 0;
      nextSample = 0;
    }
    return id;
  }

  /** The peer: whitespace tokenisation alone, what any miner pays at least. */
  @Benchmark
  public int split() {
    String[] tokens = lines[next].split(" ");
    if (++next == lines.length) {
      next = 0;
    }
    return tokens.length;
  }
}
