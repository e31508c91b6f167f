package io.vigil.ingest.probe;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vigil.config.ProbeConfig;
import io.vigil.ingest.IngestPublisher;
import io.vigil.ingest.source.SourceStatus;
import io.vigil.ingest.source.SourceStatusBoard;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.lease.KafkaLease;
import io.vigil.model.MetricPoint;
import io.vigil.model.SeriesKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured synthetic probes, each on its own interval, and publishes every result as two
 * points through the {@link IngestPublisher}, like any other source: {@code Vigil/Probes}
 * {@code Availability} (1 up, 0 down) and {@code LatencyMillis}, with dimensions ProbeName and
 * ProbeType. A check still running when its next turn comes is not started twice.
 */
public final class ProbeVerticle extends VerticleBase {

  /** The namespace of every probe series. */
  public static final String NAMESPACE = "Vigil/Probes";

  private static final Logger LOG = LoggerFactory.getLogger(ProbeVerticle.class);

  private final List<ProbeConfig> probes;
  private final IngestPublisher publisher;
  private final SourceStatusBoard board;
  private final Clock clock;
  private final KafkaEndpoint kafka;
  private KafkaLease lease;
  private final List<Running> running = new ArrayList<>();

  /** One probe's check, timer and status. */
  private static final class Running {
    final ProbeConfig config;
    final DependencyCheck check;
    SourceStatus status;
    long timerId = -1;
    boolean busy;

    Running(ProbeConfig config, DependencyCheck check) {
      this.config = config;
      this.check = check;
      this.status = SourceStatus.starting("probe:" + config.name(), "probe-" + config.type().label());
    }
  }

  public ProbeVerticle(List<ProbeConfig> probes, IngestPublisher publisher, SourceStatusBoard board, Clock clock,
      KafkaEndpoint kafka) {
    this.probes = List.copyOf(probes);
    this.publisher = publisher;
    this.board = board;
    this.clock = clock;
    this.kafka = kafka;
  }

  /** Probes while this process holds the probes' lease, so several processes do not probe each target several times. */
  @Override
  public Future<?> start() {
    for (ProbeConfig probe : probes) {
      Running run = new Running(probe, DependencyCheck.forProbe(vertx, probe));
      running.add(run);
      board.put(run.status);
    }
    lease = KafkaLease.create(vertx, kafka, "probes")
        .onAcquired(ignored -> running.forEach(run ->
            run.timerId = vertx.setPeriodic(1, run.config.intervalSeconds() * 1000L, id -> runOnce(run))))
        .onLost(ignored -> running.forEach(run -> {
          vertx.cancelTimer(run.timerId);
          run.status = run.status.standby(clock.millis());
          board.put(run.status);
        }));
    return lease.start();
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> closes = new ArrayList<>();
    closes.add(lease == null ? Future.succeededFuture() : lease.close());
    for (Running run : running) {
      vertx.cancelTimer(run.timerId);
      closes.add(run.check.close());
    }
    return Future.join(closes);
  }

  private void runOnce(Running run) {
    if (run.busy || !lease.held()) {
      return;
    }
    run.busy = true;
    long startedNanos = System.nanoTime();
    long timestamp = clock.millis();
    run.check.check().transform(result -> {
      double latencyMillis = (System.nanoTime() - startedNanos) / 1e6;
      boolean up = result.succeeded();
      Map<String, String> dimensions = Map.of("ProbeName", run.config.name(), "ProbeType", run.config.type().label());
      List<MetricPoint> points = List.of(
          new MetricPoint(SeriesKey.of(NAMESPACE, "Availability", dimensions), timestamp, up ? 1 : 0, "None"),
          new MetricPoint(SeriesKey.of(NAMESPACE, "LatencyMillis", dimensions), timestamp, latencyMillis, "Milliseconds"));
      long now = clock.millis();
      JsonObject details = new JsonObject().put("target", run.check.target()).put("up", up).put("latencyMillis", latencyMillis);
      if (up) {
        run.status = run.status.succeeded(now, now + run.config.intervalSeconds() * 1000L, 0, details);
      } else {
        ProbeFailure failure = ProbeFailure.classify(result.cause());
        // A probe keeps its schedule when the target is down: being down is what it measures.
        run.status = new SourceStatus(run.status.name(), run.status.kind(), "down", run.status.lastSuccessMillis(),
            failure.toString(), now, run.status.consecutiveFailures() + 1, 0, now + run.config.intervalSeconds() * 1000L, 0,
            details.put("reason", failure.reason().label()));
        LOG.debug("probe {}: {}", run.config.name(), failure);
      }
      board.put(run.status);
      return publisher.publishPoints(points);
    }).onComplete(published -> {
      run.busy = false;
      if (published.failed()) {
        LOG.warn("probe {}: result not published: {}", run.config.name(), published.cause().getMessage());
      }
    });
  }
}
