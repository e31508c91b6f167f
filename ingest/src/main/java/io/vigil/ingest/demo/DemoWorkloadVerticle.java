package io.vigil.ingest.demo;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vigil.config.DemoConfig;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.cursor.TransactionalSourceWriter;
import io.vigil.kafka.lease.LeasedJob;
import io.vigil.model.DeploymentEvent;
import io.vigil.model.LogEvent;
import io.vigil.model.MetricPoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link DemoWorkload} into the pipeline: first the configured history, so detectors have
 * a baseline and past incidents at once, then one interval's points and log lines at a time on the
 * wall clock. A tick that finds the previous one still waiting for Kafka catches up at the next.
 *
 * <p>Each latency regression comes with its deployment's events (started, then steady), written in
 * the same transactions; a backfilled one is judged from history values, so it is marked history and
 * its failed verdict never pages.
 *
 * <p>With several processes on one cluster only the holder of the demo's {@link LeasedJob} plays it.
 * Each batch is written in one transaction with the demo's clock cursor (the last interval written),
 * like a source's data and cursors, so a process that takes over, or the same process restarted,
 * goes on from where the demo stopped instead of writing its history again; the history reaches back
 * at most {@link DemoConfig#backfillMinutes()}. Everything up to the moment a hold begins (the
 * history, or the catch-up after a takeover) is marked as history, so it never pages.
 */
public final class DemoWorkloadVerticle extends VerticleBase {

  /** The demo's name as a source: its transactional id and its cursor keys. */
  public static final String SOURCE = "demo";
  /** The demo's only cursor item: {@code {"emittedUpToMillis": t}}, the last interval written. */
  static final String CLOCK_ITEM = "clock";

  private static final Logger LOG = LoggerFactory.getLogger(DemoWorkloadVerticle.class);
  private static final int BACKFILL_BATCH_INTERVALS = 100;

  private final DemoConfig config;
  private final Clock clock;
  private final DemoWorkload workload;
  private final KafkaEndpoint kafka;
  private LeasedJob job;
  private TransactionalSourceWriter writer;
  /** Counts holds of the lease; a publish started in an earlier hold stops at its next batch. */
  private int hold;
  private long emittedUpTo;
  /** Points at or before this time are history: written to catch up, not as they happen. */
  private long historyUntil;
  private boolean publishing;
  private boolean stopped;
  private long timerId = -1;

  public DemoWorkloadVerticle(DemoConfig config, Clock clock, KafkaEndpoint kafka) {
    this.config = config;
    this.clock = clock;
    this.kafka = kafka;
    this.workload = new DemoWorkload(config.seed(), config.intervalSeconds() * 1000L);
  }

  /** Publishes while this process holds the demo's lease, so several processes do not all play the demo. */
  @Override
  public Future<?> start() {
    job = new LeasedJob(vertx, kafka, SOURCE, SOURCE);
    return job.start(ignored -> resume(), ignored -> {
      vertx.cancelTimer(timerId);
      LOG.info("demo workload: another process plays it now");
      if (!publishing) {
        letGo();
      }
    });
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timerId);
    return job == null ? Future.succeededFuture() : job.close();
  }

  /**
   * Starts a hold: a writer that fences any earlier holder's, then the clock cursor that holder
   * committed; retried an interval later if the broker is not reachable.
   */
  private void resume() {
    int current = ++hold;
    letGo();
    job.session()
        .onSuccess(session -> {
          if (current == hold && job.held()) {
            writer = session.writer();
            begin(session.cursors().get(CLOCK_ITEM), current);
          }
        })
        .onFailure(failure -> {
          LOG.warn("demo workload: cannot resume yet, retrying: {}", failure.getMessage());
          if (current == hold && !stopped) {
            vertx.setTimer(workload.intervalMillis(), id -> {
              if (current == hold && job.held() && !stopped) {
                resume();
              }
            });
          }
        });
  }

  private void begin(JsonObject cursor, int current) {
    long now = workload.alignDown(clock.millis());
    long from = now - config.backfillMinutes() * 60_000L;
    Long resumed = cursor == null ? null : cursor.getLong("emittedUpToMillis");
    emittedUpTo = resumed == null ? from : Math.max(from, resumed);
    historyUntil = now;
    LOG.info("demo workload: publishing {} minutes of history{}, then a point per series every {} s",
        Math.max(0, now - emittedUpTo) / 60_000L, resumed == null ? "" : " (resumed from the last written)",
        config.intervalSeconds());
    timerId = vertx.setPeriodic(workload.intervalMillis(), id -> tick(current));
    // History is published in the background so a slow broker does not hold up deployment; the
    // ticks catch up after it.
    tick(current);
  }

  private void tick(int current) {
    if (publishing || current != hold || !job.held()) {
      return;
    }
    publishing = true;
    publishUpTo(workload.alignDown(clock.millis()), current).onComplete(done -> {
      publishing = false;
      if (done.failed()) {
        LOG.warn("demo workload: publish failed, retrying next tick: {}", done.cause().getMessage());
      }
      if (!job.held() && !stopped) {
        letGo();
      }
    });
  }

  /** Publishes every interval after {@link #emittedUpTo} up to {@code until}, a batch (and a transaction) at a time. */
  private Future<Void> publishUpTo(long until, int current) {
    if (emittedUpTo >= until || current != hold || !job.held()) {
      return Future.succeededFuture();
    }
    List<MetricPoint> points = new ArrayList<>();
    List<LogEvent> events = new ArrayList<>();
    List<DeploymentEvent> deployments = new ArrayList<>();
    long timestamp = emittedUpTo;
    for (int n = 0; n < BACKFILL_BATCH_INTERVALS && timestamp < until; n++) {
      timestamp += workload.intervalMillis();
      for (MetricPoint point : workload.pointsAt(timestamp)) {
        points.add(timestamp <= historyUntil ? point.asHistory() : point);
      }
      events.addAll(workload.logsAt(timestamp));
      deployments.addAll(workload.deploymentsAt(timestamp));
    }
    long batchEnd = timestamp;
    JsonObject cursor = new JsonObject().put("emittedUpToMillis", batchEnd);
    return writer.write(points, events, deployments, Map.of(CLOCK_ITEM, cursor)).compose(ignored -> {
      if (current == hold) {
        emittedUpTo = batchEnd;
      }
      return publishUpTo(until, current);
    });
  }

  /** Ends the last hold's session, if any; the next hold opens its own. */
  private void letGo() {
    writer = null;
    job.letGo();
  }

}
