package io.vigil.ingest.demo;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vigil.config.DemoConfig;
import io.vigil.config.KafkaConfig;
import io.vigil.ingest.IngestPublisher;
import io.vigil.ingest.source.KafkaLease;
import io.vigil.model.LogEvent;
import io.vigil.model.MetricPoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link DemoWorkload} into the pipeline: first the configured history, so detectors have
 * a baseline and past incidents at once, then one interval's points and log lines at a time on the
 * wall clock. A tick that finds the previous one still waiting for Kafka catches up at the next.
 * With several processes on one cluster only the holder of the demo's {@link KafkaLease} plays it.
 */
public final class DemoWorkloadVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DemoWorkloadVerticle.class);
  private static final int BACKFILL_BATCH_INTERVALS = 100;

  private final DemoConfig config;
  private final IngestPublisher publisher;
  private final Clock clock;
  private final DemoWorkload workload;
  private final KafkaConfig kafka;
  private final String bootstrap;
  private KafkaLease lease;
  private long emittedUpTo;
  private boolean publishing;
  private long timerId = -1;

  public DemoWorkloadVerticle(DemoConfig config, IngestPublisher publisher, Clock clock, KafkaConfig kafka, String bootstrap) {
    this.config = config;
    this.publisher = publisher;
    this.clock = clock;
    this.kafka = kafka;
    this.bootstrap = bootstrap;
    this.workload = new DemoWorkload(config.seed(), config.intervalSeconds() * 1000L);
  }

  /** Publishes while this process holds the demo's lease, so several processes do not all play the demo. */
  @Override
  public Future<?> start() {
    lease = KafkaLease.create(vertx, kafka, bootstrap, "demo").onAcquired(ignored -> begin()).onLost(ignored -> {
      vertx.cancelTimer(timerId);
      LOG.info("demo workload: another process plays it now");
    });
    return lease.start();
  }

  private void begin() {
    long now = workload.alignDown(clock.millis());
    long from = now - config.backfillMinutes() * 60_000L;
    // Taking over from another process replays history it already wrote; detection drops points
    // that are not newer than their series' last one.
    emittedUpTo = Math.max(from, emittedUpTo);
    LOG.info("demo workload: publishing {} minutes of history, then a point per series every {} s",
        (now - emittedUpTo) / 60_000L, config.intervalSeconds());
    // History is published in the background so a slow broker does not hold up deployment; a
    // publish still running from an earlier hold goes on, and the ticks catch up after it.
    if (!publishing) {
      publishing = true;
      publishUpTo(now).onComplete(done -> {
        publishing = false;
        if (done.failed()) {
          LOG.warn("demo workload: history not fully published, will catch up: {}", done.cause().getMessage());
        }
      });
    }
    timerId = vertx.setPeriodic(workload.intervalMillis(), id -> tick());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timerId);
    return lease == null ? Future.succeededFuture() : lease.close();
  }

  private void tick() {
    if (publishing || !lease.held()) {
      return;
    }
    publishing = true;
    publishUpTo(workload.alignDown(clock.millis())).onComplete(done -> {
      publishing = false;
      if (done.failed()) {
        LOG.warn("demo workload: publish failed, retrying next tick: {}", done.cause().getMessage());
      }
    });
  }

  /** Publishes every interval after {@link #emittedUpTo} up to {@code until}, a batch at a time. */
  private Future<Void> publishUpTo(long until) {
    if (emittedUpTo >= until || !lease.held()) {
      return Future.succeededFuture();
    }
    List<MetricPoint> points = new ArrayList<>();
    List<LogEvent> events = new ArrayList<>();
    long timestamp = emittedUpTo;
    for (int n = 0; n < BACKFILL_BATCH_INTERVALS && timestamp < until; n++) {
      timestamp += workload.intervalMillis();
      points.addAll(workload.pointsAt(timestamp));
      events.addAll(workload.logsAt(timestamp));
    }
    long batchEnd = timestamp;
    return publisher.publishPoints(points)
        .compose(ignored -> publisher.publishLogEvents(events))
        .compose(ignored -> {
          emittedUpTo = batchEnd;
          return publishUpTo(until);
        });
  }
}
