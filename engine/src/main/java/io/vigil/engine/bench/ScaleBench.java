package io.vigil.engine.bench;

import io.vigil.kafka.KafkaCluster;
import io.vigil.model.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * How the pipeline scales out over processes: for each process count asked for, a fresh
 * three-broker cluster of real broker processes ({@link KafkaCluster}: replication factor 3,
 * {@code min.insync.replicas} 2), that many Vigil processes in one group on it (each a JVM of its
 * own running the jar this runs from), and the pipeline bench's points pushed over HTTP, each
 * sender to one process, until detection on all of them together has scored every point. Every
 * count runs on a cluster of its own, so no run reads another's points. Reports the end-to-end
 * rate of each count and its ratio to the first count's (the scaling factor).
 */
public final class ScaleBench {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
  private static final String DETECTION_GROUP = "vigil-detection";

  /**
   * What to run.
   *
   * @param points the series, points, batch size, senders and scoring timeout, as for the pipeline bench (its peer is not run)
   * @param processCounts the process counts, in the order run; the first is the scaling factors' base
   * @param settings extra {@code key=value} settings for every process
   */
  public record Load(PipelineBench.Load points, List<Integer> processCounts, List<String> settings) {
    public Load {
      if (processCounts.isEmpty() || processCounts.stream().anyMatch(count -> count < 1)) {
        throw new IllegalArgumentException("process counts must be at least 1, and there must be one");
      }
      processCounts = List.copyOf(processCounts);
      settings = List.copyOf(settings);
    }
  }

  /** One process count's run. */
  public record Run(int processes, long scored, long endToEndNanos) {
    public double pointsPerSecond() {
      return scored * 1e9 / endToEndNanos;
    }
  }

  /** Every run, in order. */
  public record Report(Load load, List<Run> runs) {

    /** Whether every run scored every point within the timeout. */
    public boolean complete() {
      return runs.stream().allMatch(run -> run.scored() >= load.points().points());
    }

    public String format() {
      PipelineBench.Load points = load.points();
      StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
          "scale: %,d points for %,d series, batches of %d, %d senders; each run on its own 3-broker cluster (replication 3, min ISR 2)%n",
          points.points(), points.series(), points.batchSize(), points.senders()));
      double base = runs.get(0).pointsPerSecond();
      for (Run run : runs) {
        out.append(String.format(Locale.ROOT, "%d process%s %,12.0f points/s end to end (%,d of %,d scored); factor %.2f against %d%n",
            run.processes(), run.processes() == 1 ? "  " : "es", run.pointsPerSecond(), run.scored(), points.points(),
            run.pointsPerSecond() / base, runs.get(0).processes()));
      }
      return out.toString();
    }
  }

  private ScaleBench() {}

  /** Runs every count in turn under {@code dir}, with the processes started from {@code jar}. */
  public static Report run(Path dir, Path jar, Load load) throws IOException, InterruptedException {
    List<Run> runs = new ArrayList<>();
    for (int processes : load.processCounts()) {
      runs.add(runOne(dir.resolve(processes + "-processes-" + runs.size()), jar, processes, load));
    }
    return new Report(load, runs);
  }

  /** The jar this class was loaded from, which {@code vigil bench scale} runs its processes from. */
  public static Path ownJar() {
    try {
      Path location = Path.of(ScaleBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(location)) {
        throw new IllegalStateException("the scale bench runs Vigil processes from its own jar, but runs from " + location);
      }
      return location;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Run runOne(Path dir, Path jar, int count, Load load) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    List<Process> processes = new ArrayList<>();
    try (KafkaCluster cluster = KafkaCluster.start(dir.resolve("kafka"))) {
      List<URI> bases = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int port = KafkaCluster.freePort();
        processes.add(launch(jar, dir.resolve("vigil-" + i), port, cluster.bootstrapServers(), load.settings()));
        bases.add(URI.create("http://127.0.0.1:" + port));
      }
      for (int i = 0; i < count; i++) {
        awaitReady(client, bases.get(i), processes.get(i), dir.resolve("vigil-" + i + ".log"));
      }
      awaitDetectionGroup(cluster.bootstrapServers(), count);
      return push(client, bases, load.points());
    } finally {
      for (Process process : processes) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static Run push(HttpClient client, List<URI> bases, PipelineBench.Load load) throws IOException, InterruptedException {
    long firstTimestamp = System.currentTimeMillis() - load.pointsPerSeries() * PipelineBench.MINUTE;
    ExecutorService senders = Executors.newFixedThreadPool(load.senders());
    long start = System.nanoTime();
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int sender = 0; sender < load.senders(); sender++) {
        int own = sender;
        URI endpoint = bases.get(sender % bases.size()).resolve("/api/v1/metrics");
        sent.add(senders.submit(() -> PipelineBench.send(client, endpoint, load, own, firstTimestamp)));
      }
      for (Future<?> one : sent) {
        one.get();
      }
    } catch (ExecutionException e) {
      throw new IOException("a sender failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      senders.shutdownNow();
    }
    long deadline = System.nanoTime() + load.scoringTimeout().toNanos();
    long scored = scored(client, bases);
    while (scored < load.points() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(100);
      scored = scored(client, bases);
    }
    return new Run(bases.size(), scored, System.nanoTime() - start);
  }

  /** Points scored by detection over all the processes. */
  private static long scored(HttpClient client, List<URI> bases) throws IOException, InterruptedException {
    long total = 0;
    for (URI base : bases) {
      total += PipelineBench.scored(client, base);
    }
    return total;
  }

  private static Process launch(Path jar, Path dataDir, int port, String bootstrap, List<String> settings) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
        "start", "--data-dir", dataDir.toString(),
        "--set", "http.port=" + port, "--set", "demo.enabled=false", "--set", "alerting.enabled=false",
        "--set", "kafka.bootstrapServers=" + bootstrap, "--set", "kafka.replicationFactor=3", "--set", "kafka.minInsyncReplicas=2",
        "--set", "series.maxSeries=1000000", "--set", "series.maxSeriesPerNamespace=1000000"));
    for (String setting : settings) {
      command.add("--set");
      command.add(setting);
    }
    Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static void awaitReady(HttpClient client, URI base, Process process, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    HttpRequest ready = HttpRequest.newBuilder(base.resolve("/ready")).timeout(Duration.ofSeconds(5)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("a Vigil process exited with " + process.exitValue() + " while starting; its log ends:\n" + tail(log));
      }
      try {
        if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new IOException("a Vigil process was not ready within " + READY_TIMEOUT.toSeconds() + " s; its log ends:\n" + tail(log));
  }

  /** The last lines of a process's log (its directory is deleted after the bench). */
  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Waits until the detection group has {@code members} members that between them own every partition of the points. */
  private static void awaitDetectionGroup(String bootstrap, int members) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      while (System.nanoTime() < deadline) {
        try {
          int partitions = admin.describeTopics(List.of(Topics.POINTS)).allTopicNames().get(10, TimeUnit.SECONDS).get(Topics.POINTS)
              .partitions().size();
          ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(DETECTION_GROUP)).all().get(10, TimeUnit.SECONDS)
              .get(DETECTION_GROUP);
          Set<TopicPartition> owned = group.members().stream().map(MemberDescription::assignment)
              .flatMap(assignment -> assignment.topicPartitions().stream()).collect(Collectors.toSet());
          if (group.members().size() == members && owned.size() == partitions) {
            return;
          }
        } catch (ExecutionException | TimeoutException notYet) {
          // The topics or the group are not there yet.
        }
        TimeUnit.MILLISECONDS.sleep(500);
      }
    }
    throw new IOException("the detection group did not reach " + members + " members owning every partition within "
        + READY_TIMEOUT.toSeconds() + " s");
  }
}
