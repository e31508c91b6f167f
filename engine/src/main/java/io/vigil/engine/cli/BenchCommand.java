package io.vigil.engine.cli;

import io.vigil.detectors.DetectorRegistry;
import io.vigil.detectors.bench.DetectorBench;
import io.vigil.detectors.nab.NabCorpus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil bench}: micro-benchmarks run from the shipped jar. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks.",
    subcommands = {BenchCommand.Detectors.class})
public final class BenchCommand {

  /** {@code vigil bench detectors}: points/s of default and rcf on one thread, and heap per series. */
  @Command(
      name = "detectors",
      mixinStandardHelpOptions = true,
      description = "Replay a corpus through the default and rcf detectors on one thread.")
  static final class Detectors implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "folder of <category>/<file>.csv (timestamp,value)")
    Path data;

    @Option(names = "--seconds", defaultValue = "10", description = "replay time per detector (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--series", defaultValue = "10000", description = "live default detectors for the heap estimate")
    int series;

    @Option(names = "--rcf-series", defaultValue = "20", description = "live rcf detectors for the heap estimate")
    int rcfSeries;

    @Override
    public Integer call() {
      DetectorRegistry registry = DetectorRegistry.load();
      DetectorBench.Report report = DetectorBench.run(NabCorpus.readData(data),
          List.of(registry.byName("default"), registry.byName("rcf")), seconds, series, rcfSeries);
      System.out.print(report.format());
      return 0;
    }
  }
}
