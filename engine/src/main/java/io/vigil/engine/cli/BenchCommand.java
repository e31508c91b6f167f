package io.vigil.engine.cli;

import io.vigil.config.ConfigException;
import io.vigil.config.VigilConfig;
import io.vigil.detectors.DetectorRegistry;
import io.vigil.eval.bench.DetectorBench;
import io.vigil.eval.nab.NabCorpus;
import io.vigil.engine.VigilEngine;
import io.vigil.engine.bench.DashboardBench;
import io.vigil.engine.bench.ListingBench;
import io.vigil.engine.bench.PipelineBench;
import io.vigil.engine.bench.ScaleBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil bench}: micro-benchmarks run from the shipped jar. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks.",
    subcommands = {BenchCommand.Detectors.class, BenchCommand.Pipeline.class, BenchCommand.Scale.class, BenchCommand.Dashboard.class,
        BenchCommand.Listing.class})
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

  /**
   * {@code vigil bench pipeline}: starts an engine on its embedded defaults in a fresh temporary data
   * directory, pushes generated points over HTTP and reports ingest and end-to-end rates against the
   * detector alone and a plain Kafka producer on the same broker, measured in the same run. Exit code 1 if not every point was scored in time.
   */
  @Command(
      name = "pipeline",
      mixinStandardHelpOptions = true,
      description = "HTTP -> Kafka -> detection on a throwaway embedded engine, against the detector alone.")
  static final class Pipeline implements Callable<Integer> {

    @Option(names = "--series", defaultValue = "1000", description = "series (default: ${DEFAULT-VALUE})")
    int series;

    @Option(names = "--points", defaultValue = "300", description = "points per series (default: ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--batch", defaultValue = "500", description = "points per request (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--senders", defaultValue = "4", description = "concurrent senders, each with its own series (default: ${DEFAULT-VALUE})")
    int senders;

    @Option(names = "--timeout-seconds", defaultValue = "300", description = "how long to wait for scoring (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--peer-records", defaultValue = "1000000",
        description = "records the plain producer peer writes, at most 20 s (default: ${DEFAULT-VALUE})")
    long peerRecords;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "engine setting, as for start (repeatable)")
    List<String> assignments = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
      PipelineBench.Load load = new PipelineBench.Load(series, points, batch, senders, Duration.ofSeconds(timeoutSeconds), peerRecords);
      // The bench's series are one namespace's: room for all of them, in all and in that namespace.
      String room = String.valueOf(Math.max(series, 100_000));
      List<String> defaults = List.of("http.port=0", "demo.enabled=false", "alerting.enabled=false", "series.maxSeries=" + room,
          "series.maxSeriesPerNamespace=" + room);
      return onThrowawayEngine(defaults, assignments, engine -> {
        PipelineBench.Report report = PipelineBench.run(engine, load);
        System.out.print(report.format());
        if (!report.complete()) {
          System.err.printf("only %,d of %,d points were scored within %d s%n", report.scored(), load.points(), timeoutSeconds);
          return 1;
        }
        return 0;
      });
    }
  }

  /**
   * {@code vigil bench scale}: the pipeline bench's load against 1, 2 and 3 Vigil processes, each
   * count on a fresh three-broker cluster of real broker processes, and the scaling factor. Exit
   * code 1 if a run did not score every point in time.
   */
  @Command(
      name = "scale",
      mixinStandardHelpOptions = true,
      description = "HTTP -> Kafka -> detection over several Vigil processes on a 3-broker cluster, and the scaling factor.")
  static final class Scale implements Callable<Integer> {

    @Option(names = "--processes", defaultValue = "1,2,3", split = ",", description = "Vigil process counts, in order (default: ${DEFAULT-VALUE})")
    List<Integer> processes;

    @Option(names = "--series", defaultValue = "1000", description = "series (default: ${DEFAULT-VALUE})")
    int series;

    @Option(names = "--points", defaultValue = "100", description = "points per series (default: ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--batch", defaultValue = "500", description = "points per request (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--senders", defaultValue = "6", description = "concurrent senders, each to one process (default: ${DEFAULT-VALUE})")
    int senders;

    @Option(names = "--timeout-seconds", defaultValue = "600", description = "how long each run waits for scoring (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "setting for every process, as for start (repeatable)")
    List<String> assignments = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
      ScaleBench.Load load;
      try {
        load = new ScaleBench.Load(new PipelineBench.Load(series, points, batch, senders, Duration.ofSeconds(timeoutSeconds), 0),
            processes, assignments);
      } catch (IllegalArgumentException e) {
        System.err.println("vigil: " + e.getMessage());
        return StartCommand.CONFIG_ERROR;
      }
      Path dir = Files.createTempDirectory("vigil-bench-scale-");
      try {
        ScaleBench.Report report = ScaleBench.run(dir, ScaleBench.ownJar(), load);
        System.out.print(report.format());
        return report.complete() ? 0 : 1;
      } finally {
        deleteTree(dir);
      }
    }
  }

  /**
   * {@code vigil bench dashboard}: a throwaway embedded engine with the demo on, many stream clients
   * watching one series, and a background push; reports p50/p99/max lag from push to client.
   * Exit code 1 if the target (p99 under 1 s, nothing missing, no client dropped) is not met.
   */
  @Command(
      name = "dashboard",
      mixinStandardHelpOptions = true,
      description = "Stream fan-out: many dashboard clients on one series while the demo and a push run.")
  static final class Dashboard implements Callable<Integer> {

    @Option(names = "--clients", defaultValue = "1000", description = "WebSocket clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--push-rate", defaultValue = "5000", description = "background points per second (default: ${DEFAULT-VALUE})")
    int pushRate;

    @Option(names = "--warm-up-seconds", defaultValue = "10", description = "not measured (default: ${DEFAULT-VALUE})")
    int warmUpSeconds;

    @Option(names = "--seconds", defaultValue = "30", description = "measured (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "engine setting, as for start (repeatable)")
    List<String> assignments = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
      DashboardBench.Load load = new DashboardBench.Load(clients, pushRate, Duration.ofSeconds(warmUpSeconds), Duration.ofSeconds(seconds));
      List<String> defaults = List.of("http.port=0", "demo.enabled=true", "demo.backfillMinutes=30",
          "http.maxConnectionsPerAddress=" + (clients + 256));
      return onThrowawayEngine(defaults, assignments, engine -> {
        DashboardBench.Report report = DashboardBench.run(engine, load);
        System.out.print(report.format());
        return report.meetsTarget() ? 0 : 1;
      });
    }
  }

  /**
   * {@code vigil bench listing}: a throwaway embedded engine filled with many series, then
   * {@code /health} timed alone and while several clients page through every series. Exit code 1
   * if a {@code /health} probe failed to answer.
   */
  @Command(
      name = "listing",
      mixinStandardHelpOptions = true,
      description = "Liveness under heavy reads: /health alone and while clients page through every series.")
  static final class Listing implements Callable<Integer> {

    @Option(names = "--series", defaultValue = "100000", description = "series stored (default: ${DEFAULT-VALUE})")
    int series;

    @Option(names = "--points", defaultValue = "1", description = "points per series, for the heap their history takes (default: ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--clients", defaultValue = "8", description = "clients paging at once (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--page", defaultValue = "1000", description = "series per page (default: ${DEFAULT-VALUE})")
    int page;

    @Option(names = "--seconds", defaultValue = "20", description = "each phase's length (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "engine setting, as for start (repeatable)")
    List<String> assignments = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
      ListingBench.Load load = new ListingBench.Load(series, points, clients, page, Duration.ofSeconds(seconds));
      List<String> defaults = List.of("http.port=0", "demo.enabled=false", "alerting.enabled=false", "series.maxSeries=" + Math.max(series, 100_000),
          "series.maxSeriesPerNamespace=" + Math.max(series, 100_000));
      return onThrowawayEngine(defaults, assignments, engine -> {
        ListingBench.Report report = ListingBench.run(engine, load);
        System.out.print(report.format());
        return report.healthAnswered() ? 0 : 1;
      });
    }
  }

  /** What a bench does with its engine; its answer is the command's exit code. */
  @FunctionalInterface
  interface EngineRun {
    int run(VigilEngine engine) throws IOException, InterruptedException;
  }

  /**
   * Runs {@code bench} on an engine started with {@code defaults} then the user's {@code assignments}
   * in a fresh temporary data directory, deleted afterwards; a bad setting is a configuration error.
   */
  static int onThrowawayEngine(List<String> defaults, List<String> assignments, EngineRun bench) throws IOException, InterruptedException {
    Path dataDir = Files.createTempDirectory("vigil-bench-");
    try {
      List<String> all = new ArrayList<>(defaults);
      all.addAll(assignments);
      VigilConfig config;
      try {
        config = StartCommand.loadConfig(null, dataDir, all);
      } catch (ConfigException e) {
        System.err.println("vigil: configuration error: " + e.getMessage());
        return StartCommand.CONFIG_ERROR;
      }
      try (VigilEngine engine = VigilEngine.start(config, Clock.systemUTC())) {
        return bench.run(engine);
      }
    } finally {
      deleteTree(dataDir);
    }
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
