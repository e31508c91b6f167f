package io.vigil.engine.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.detectors.Detector;
import io.vigil.detectors.DetectorRegistry;
import io.vigil.detectors.DetectorType;
import io.vigil.engine.VigilEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Pushes generated points through a running engine's HTTP API and waits until the detection stage
 * has scored every one of them: ingest rate and request latency (202 means Kafka acknowledged the
 * batch), and the end-to-end rate from the first request to the last point scored. For a peer
 * measured in the same run, the same points go through the engine's detector type on one thread
 * with no HTTP and no Kafka; and, as the yardstick the pipeline is held to, a plain Kafka producer
 * writes point-sized records to the same broker ({@link ProducerPeer}).
 *
 * <p>Each sender thread owns a disjoint set of series and sends its batches one after another, so
 * every series' points reach Kafka in time order, as a real agent's would.
 */
public final class PipelineBench {

  private static final Pattern SCORED = Pattern.compile("(?m)^vigil_detection_points_scored_total(?:\\{[^}]*})?\\s+(\\S+)$");
  static final long MINUTE = 60_000L;
  /** The peer stops at this time even if it has not written its records. */
  private static final Duration PEER_BUDGET = Duration.ofSeconds(20);

  /** What to send, and how many records the producer peer writes (0: no peer, for filling an engine). */
  public record Load(int series, int pointsPerSeries, int batchSize, int senders, Duration scoringTimeout, long peerRecords) {
    public Load {
      if (series < 1 || pointsPerSeries < 1 || batchSize < 1 || senders < 1) {
        throw new IllegalArgumentException("series, points, batch and senders must all be at least 1");
      }
      if (peerRecords < 0) {
        throw new IllegalArgumentException("peer records must be 0 or more");
      }
    }

    /** Points sent in all. */
    public long points() {
      return (long) series * pointsPerSeries;
    }
  }

  /**
   * One run's figures.
   *
   * @param scored points the detection stage scored during the run (all sent points when complete)
   * @param sendNanos first request to last 202
   * @param endToEndNanos first request to the moment every point was scored (or the timeout)
   * @param latencyMicros request latency, from sending a batch to its 202
   * @param detectorOnlyNanos the same points through the detector type on one thread
   * @param peerBefore the plain producer's run on the same broker just before the pipeline's; null when the load asked for none
   * @param peerAfter and just after it, since a shared machine's load can change within a run
   */
  public record Report(Load load, String detector, long scored, long sendNanos, long endToEndNanos,
      Histogram latencyMicros, long detectorOnlyNanos, ProducerPeer.Result peerBefore, ProducerPeer.Result peerAfter) {

    /** The mean of the peer's two rates: what the pipeline's rates are divided by. */
    public double peerRecordsPerSecond() {
      return (peerBefore.recordsPerSecond() + peerAfter.recordsPerSecond()) / 2;
    }

    public boolean complete() {
      return scored >= load.points();
    }

    public String format() {
      double ingest = load.points() * 1e9 / sendNanos;
      double endToEnd = scored * 1e9 / endToEndNanos;
      double detectorOnly = load.points() * 1e9 / detectorOnlyNanos;
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "pipeline: %,d points for %,d series, batches of %,d, %d senders, detector %s%n",
          load.points(), load.series(), load.batchSize(), load.senders(), detector));
      out.append(String.format(Locale.ROOT, "ingest     %,12.0f points/s accepted (202 after Kafka acknowledged)%n", ingest));
      out.append(String.format(Locale.ROOT, "latency    p50 %.1f ms, p99 %.1f ms, max %.1f ms per batch%n",
          latencyMicros.getValueAtPercentile(50) / 1e3, latencyMicros.getValueAtPercentile(99) / 1e3, latencyMicros.getMaxValue() / 1e3));
      out.append(String.format(Locale.ROOT, "end-to-end %,12.0f points/s (first request to last point scored; %,d of %,d scored)%n",
          endToEnd, scored, load.points()));
      out.append(String.format(Locale.ROOT, "detector   %,12.0f points/s on one thread (same points, no HTTP, no Kafka)%n", detectorOnly));
      if (peerBefore != null) {
        out.append(String.format(Locale.ROOT, "producer   %,12.0f records/s (plain Kafka producer, acks=all, idempotent, %d-byte records, same broker;"
            + " mean of %,.0f before and %,.0f after the pipeline, %,d records each)%n", peerRecordsPerSecond(), ProducerPeer.RECORD_BYTES,
            peerBefore.recordsPerSecond(), peerAfter.recordsPerSecond(), peerBefore.records()));
      }
      out.append(String.format(Locale.ROOT, "ratio end-to-end/detector: %.3f%n", endToEnd / detectorOnly));
      if (peerBefore != null) {
        out.append(String.format(Locale.ROOT, "ratio ingest/producer: %.3f%n", ingest / peerRecordsPerSecond()));
        out.append(String.format(Locale.ROOT, "ratio end-to-end/producer: %.3f%n", endToEnd / peerRecordsPerSecond()));
      }
      return out.toString();
    }
  }

  private PipelineBench() {}

  /** Runs the load against {@code engine}, which must have started with no other traffic. */
  public static Report run(VigilEngine engine, Load load) throws IOException, InterruptedException {
    URI base = URI.create("http://127.0.0.1:" + engine.httpPort());
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    ProducerPeer.Result peerBefore = peer(engine, load, "before");
    long scoredBefore = scored(client, base);
    long firstTimestamp = System.currentTimeMillis() - load.pointsPerSeries() * MINUTE;

    Histogram latency = new Histogram(3_600_000_000L, 3);
    ExecutorService senders = Executors.newFixedThreadPool(load.senders());
    long start = System.nanoTime();
    List<Future<Histogram>> sent = new ArrayList<>();
    for (int sender = 0; sender < load.senders(); sender++) {
      int own = sender;
      sent.add(senders.submit(() -> send(client, base.resolve("/api/v1/metrics"), load, own, firstTimestamp)));
    }
    try {
      for (Future<Histogram> one : sent) {
        latency.add(one.get());
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("a sender failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      senders.shutdownNow();
    }
    long sendNanos = System.nanoTime() - start;

    long deadline = System.nanoTime() + load.scoringTimeout().toNanos();
    long scored = scored(client, base) - scoredBefore;
    while (scored < load.points() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(50);
      scored = scored(client, base) - scoredBefore;
    }
    long endToEndNanos = System.nanoTime() - start;
    DetectorType type = DetectorRegistry.load().byName(engine.config().detection().detector());
    long detectorOnlyNanos = detectorOnly(type, load, firstTimestamp);
    ProducerPeer.Result peerAfter = peer(engine, load, "after");
    return new Report(load, type.name(), scored, sendNanos, endToEndNanos, latency, detectorOnlyNanos, peerBefore, peerAfter);
  }

  private static ProducerPeer.Result peer(VigilEngine engine, Load load, String run) throws InterruptedException {
    return load.peerRecords() == 0 ? null : ProducerPeer.run(engine.bootstrapServers(),
        new ProducerPeer.Load(load.peerRecords(), PEER_BUDGET, load.series(), engine.config().kafka().partitions()), run);
  }

  /** Sends the points of every series {@code s} with {@code s % senders == sender}, in time order. */
  static Histogram send(HttpClient client, URI endpoint, Load load, int sender, long firstTimestamp)
      throws IOException, InterruptedException {
    Histogram latency = new Histogram(3_600_000_000L, 3);
    JsonArray batch = new JsonArray();
    for (int t = 0; t < load.pointsPerSeries(); t++) {
      for (int series = sender; series < load.series(); series += load.senders()) {
        batch.add(new JsonObject().put("namespace", "Bench").put("metric", "Load")
            .put("dimensions", new JsonObject().put("Series", "bench-" + series))
            .put("timestamp", firstTimestamp + t * MINUTE).put("value", value(series, t)));
        if (batch.size() == load.batchSize()) {
          post(client, endpoint, batch, latency);
          batch = new JsonArray();
        }
      }
    }
    if (!batch.isEmpty()) {
      post(client, endpoint, batch, latency);
    }
    return latency;
  }

  private static void post(HttpClient client, URI endpoint, JsonArray points, Histogram latency)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("points", points).encode())).build();
    long sentAt = System.nanoTime();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    latency.recordValue(Math.max(1, (System.nanoTime() - sentAt) / 1_000));
    if (response.statusCode() != 202) {
      throw new IOException("the engine answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** Ordinary values around 50; the same for a series and step in every run. */
  static double value(int series, int step) {
    return 50.0 + new SplittableRandom(series * 1_000_003L + step).nextGaussian();
  }

  /** The same points through fresh detectors on this thread, after a shorter pass that warms the JIT. */
  private static long detectorOnly(DetectorType type, Load load, long firstTimestamp) {
    replay(type, Math.min(load.series(), 50), load.pointsPerSeries(), firstTimestamp);
    return replay(type, load.series(), load.pointsPerSeries(), firstTimestamp);
  }

  private static long replay(DetectorType type, int seriesCount, int pointsPerSeries, long firstTimestamp) {
    double sink = 0.0;
    long start = System.nanoTime();
    for (int series = 0; series < seriesCount; series++) {
      Detector detector = type.create();
      for (int t = 0; t < pointsPerSeries; t++) {
        sink += detector.update(firstTimestamp + t * MINUTE, value(series, t)).score();
      }
    }
    long nanos = System.nanoTime() - start;
    return sink < 0 ? nanos + 1 : nanos;
  }

  /** The engine's count of scored points, from its Prometheus endpoint. */
  static long scored(HttpClient client, URI base) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher matcher = SCORED.matcher(response.body());
    return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0L;
  }
}
