package io.vigil.engine.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import io.vigil.model.SeriesKey;
import io.vigil.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Pushes points over HTTP from a few senders until stopped, or until every series has
 * {@link #MAX_STEPS} points: each sender owns a share of the series and posts one batch at a time,
 * so each series arrives in time order. Every point's outcome is kept: accepted (202), refused (503,
 * which must carry Retry-After) or unknown (the connection failed, as when the process it talked to
 * was killed; the sender then turns to the next target). A batch not accepted is sent again, with the
 * same values, until it is, as a client following Retry-After would; so once the load has stopped,
 * only a sender's last batch can be anything but accepted. Values are N(50, 1) with a spike to 95 every
 * {@link #SPIKE_EVERY} steps, so the detector has anomalies to find.
 */
final class PointLoad {

  static final String NAMESPACE = "Test/Cluster";
  static final int MAX_STEPS = 8000;
  static final int SPIKE_EVERY = 150;
  static final long STEP_MILLIS = 60_000;
  static final long RETRY_PAUSE_MILLIS = 500;

  enum Outcome { NONE, ACCEPTED, REFUSED, UNKNOWN }

  private final Vertx vertx;
  private final String run;
  private final List<WebClient> targets;
  private final int series;
  private final int senders;
  private final int stepsPerBatch;
  private final long pauseMillis;
  private final long startMillis;
  private final Outcome[][] outcomes;
  private final AtomicLong acceptedPoints = new AtomicLong();
  private final AtomicLong acceptedBatches = new AtomicLong();
  private final AtomicLong refusedBatches = new AtomicLong();
  private final AtomicLong refusedWithoutRetryAfter = new AtomicLong();
  private final AtomicLong unknownBatches = new AtomicLong();
  private final AtomicLong otherAnswers = new AtomicLong();
  private final AtomicLong slowestRefusalMillis = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private volatile boolean stopped;
  private volatile String lastOther = "";
  private final List<Future<Void>> running = new ArrayList<>();

  /**
   * @param run names this load's series ({@code <run>-<index>}), so that loads in one cluster do not share series
   * @param targets the processes to push to; sender s starts on target s modulo their number
   * @param startMillis the first point's timestamp; later ones follow a minute apart
   */
  PointLoad(Vertx vertx, String run, List<WebClient> targets, int series, int senders, int stepsPerBatch, long pauseMillis, long startMillis) {
    this.vertx = vertx;
    this.run = run;
    this.targets = List.copyOf(targets);
    this.series = series;
    this.senders = senders;
    this.stepsPerBatch = stepsPerBatch;
    this.pauseMillis = pauseMillis;
    this.startMillis = startMillis;
    this.outcomes = new Outcome[series][MAX_STEPS];
    for (Outcome[] row : outcomes) {
      Arrays.fill(row, Outcome.NONE);
    }
  }

  SeriesKey seriesKey(int index) {
    return SeriesKey.of(NAMESPACE, "Load", Map.of("ServiceName", run + "-" + index));
  }

  long timestampOf(int step) {
    return startMillis + step * STEP_MILLIS;
  }

  /** The step of a point stamped {@code timestampMillis}, or -1 if no step has that time. */
  int stepOf(long timestampMillis) {
    long offset = timestampMillis - startMillis;
    if (offset < 0 || offset % STEP_MILLIS != 0 || offset / STEP_MILLIS >= MAX_STEPS) {
      return -1;
    }
    return (int) (offset / STEP_MILLIS);
  }

  /** A week back, on the minute: every point of a load starting there is in the past, none is held for the clock. */
  static long weekAgo() {
    long weekAgo = System.currentTimeMillis() - Duration.ofDays(7).toMillis();
    return weekAgo - weekAgo % STEP_MILLIS;
  }

  /** Blocks the calling thread until at least {@code points} points were accepted, for up to two minutes. */
  void awaitAccepted(long points) {
    Eventually.until(vertx, 120, () -> points + " points accepted; " + summary(), () -> acceptedPoints() >= points);
  }

  /** Starts every sender. */
  void start() {
    for (int sender = 0; sender < senders; sender++) {
      Promise<Void> done = Promise.promise();
      running.add(done.future());
      int owner = sender;
      vertx.runOnContext(go -> send(owner, owner % targets.size(), 0, done));
    }
  }

  /** Whether every sender has stopped, having been told to or having sent all {@link #MAX_STEPS}. */
  boolean finished() {
    return running.stream().allMatch(Future::isComplete);
  }

  /** Stops sending; completes when every sender's last answer is in. */
  Future<Void> stop() {
    stopped = true;
    return Future.all(running).mapEmpty();
  }

  long acceptedPoints() {
    return acceptedPoints.get();
  }

  long acceptedBatches() {
    return acceptedBatches.get();
  }

  long refusedBatches() {
    return refusedBatches.get();
  }

  long refusedWithoutRetryAfter() {
    return refusedWithoutRetryAfter.get();
  }

  long unknownBatches() {
    return unknownBatches.get();
  }

  /** Answers other than 202 and 503 (none expected), and the last of them. */
  long otherAnswers() {
    return otherAnswers.get();
  }

  String lastOther() {
    return lastOther;
  }

  /** Batches sent again after a 503 or a failed connection. */
  long retries() {
    return retries.get();
  }

  /** The longest a 503 took to come back: how long Vigil waited for Kafka before giving up. */
  long slowestRefusalMillis() {
    return slowestRefusalMillis.get();
  }

  /** The outcome of series {@code index}'s point at {@code step}; read only after {@link #stop()} completed. */
  Outcome outcome(int index, int step) {
    return outcomes[index][step];
  }

  int series() {
    return series;
  }

  String summary() {
    return (finished() ? "finished: " : "") + "accepted " + acceptedPoints() + " points in " + acceptedBatches() + " batches, refused (503) " + refusedBatches()
        + " batches, unknown " + unknownBatches() + ", retried " + retries() + ", other " + otherAnswers() + (otherAnswers() > 0 ? " (" + lastOther() + ")" : "");
  }

  private void send(int sender, int target, int fromStep, Promise<Void> done) {
    if (stopped || fromStep >= MAX_STEPS) {
      done.complete();
      return;
    }
    int toStep = Math.min(MAX_STEPS, fromStep + stepsPerBatch);
    List<Integer> owned = IntStream.range(0, series).filter(index -> index % senders == sender).boxed().toList();
    JsonArray points = new JsonArray();
    // Seeded by the batch, so that a retry sends the very same values.
    SplittableRandom random = new SplittableRandom(31L * fromStep + sender);
    for (int index : owned) {
      for (int step = fromStep; step < toStep; step++) {
        points.add(new JsonObject().put("namespace", NAMESPACE).put("metric", "Load")
            .put("dimensions", new JsonObject().put("ServiceName", run + "-" + index))
            .put("timestamp", timestampOf(step))
            .put("value", step % SPIKE_EVERY == SPIKE_EVERY - 1 ? 95.0 : 50 + random.nextGaussian()));
      }
    }
    long sentAt = System.nanoTime();
    targets.get(target).post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", points)).onComplete(answer -> {
      int nextTarget = target;
      Outcome outcome;
      if (answer.failed()) {
        outcome = Outcome.UNKNOWN;
        unknownBatches.incrementAndGet();
        nextTarget = (target + 1) % targets.size();
      } else {
        outcome = judge(answer.result(), (System.nanoTime() - sentAt) / 1_000_000);
        if (outcome == Outcome.ACCEPTED) {
          acceptedPoints.addAndGet(points.size());
        }
      }
      for (int index : owned) {
        for (int step = fromStep; step < toStep; step++) {
          outcomes[index][step] = outcome;
        }
      }
      int next = nextTarget;
      if (outcome == Outcome.ACCEPTED) {
        vertx.setTimer(pauseMillis, id -> send(sender, next, toStep, done));
      } else {
        // As a client should: the same batch again, after a pause (shorter than Retry-After, to keep the test short).
        retries.incrementAndGet();
        vertx.setTimer(RETRY_PAUSE_MILLIS, id -> send(sender, next, fromStep, done));
      }
    });
  }

  private Outcome judge(HttpResponse<Buffer> response, long tookMillis) {
    if (response.statusCode() == 202) {
      acceptedBatches.incrementAndGet();
      return Outcome.ACCEPTED;
    }
    if (response.statusCode() == 503) {
      refusedBatches.incrementAndGet();
      slowestRefusalMillis.accumulateAndGet(tookMillis, Math::max);
      if (response.getHeader("Retry-After") == null) {
        refusedWithoutRetryAfter.incrementAndGet();
      }
      return Outcome.REFUSED;
    }
    otherAnswers.incrementAndGet();
    lastOther = response.statusCode() + " " + response.bodyAsString();
    return Outcome.UNKNOWN;
  }
}
