package io.vigil.deployments.checks;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vigil.config.DeploymentsConfig;
import io.vigil.config.ProbeConfig;
import io.vigil.deployments.api.DeploymentBoard;
import io.vigil.deployments.stage.DeploymentInput;
import io.vigil.ingest.probe.DependencyCheck;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.lease.KafkaLease;
import io.vigil.model.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the synthetic checks of every deployment being verified: each configured probe of its
 * service once as a smoke check, and an http probe also as a latency check (sequential requests,
 * at most {@code latencyRequests} of them and {@code latencyMaxSeconds} in all, failing on any
 * failed request or a 90th percentile above {@code maxLatencyMillis}), every
 * {@code intervalSeconds}; each result goes to {@code vigil.deployment-inputs} keyed by service,
 * where the stage counts the failed ones against the verdict. Which deployments are being verified
 * comes from the {@link DeploymentBoard} every process keeps; only the holder of the
 * {@code deployment-checks} lease runs them, so a target is not checked once per process. A check
 * still running when its next turn comes is not started twice.
 */
public final class VerificationChecksVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(VerificationChecksVerticle.class);
  static final String JOB = "deployment-checks";

  private record Probe(ProbeConfig config, DependencyCheck check) {}

  private final KafkaEndpoint kafka;
  private final DeploymentsConfig.Checks config;
  private final List<ProbeConfig> probes;
  private final Map<String, String> aliases;
  private final DeploymentBoard board;
  private final Clock clock;
  private final Map<String, List<Probe>> byService = new HashMap<>();
  private final Set<String> busy = new HashSet<>();
  private KafkaProducer<String, JsonObject> producer;
  private KafkaLease lease;
  private long timerId = -1;

  public VerificationChecksVerticle(KafkaEndpoint kafka, DeploymentsConfig.Checks config, List<ProbeConfig> probes, Map<String, String> aliases,
      DeploymentBoard board, Clock clock) {
    this.kafka = kafka;
    this.config = config;
    this.probes = List.copyOf(probes);
    this.aliases = Map.copyOf(aliases);
    this.board = board;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    for (ProbeConfig probe : probes) {
      String service = aliases.getOrDefault(probe.name(), probe.name());
      byService.computeIfAbsent(service, name -> new ArrayList<>()).add(new Probe(probe, DependencyCheck.forProbe(vertx, probe)));
    }
    producer = KafkaProducer.create(vertx, kafka.producerProperties(), String.class, JsonObject.class);
    lease = KafkaLease.create(vertx, kafka, JOB)
        .onAcquired(ignored -> timerId = vertx.setPeriodic(1, config.intervalSeconds() * 1000L, id -> round()))
        .onLost(ignored -> vertx.cancelTimer(timerId));
    return lease.start();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timerId);
    List<Future<Void>> closes = new ArrayList<>();
    closes.add(lease == null ? Future.succeededFuture() : lease.close());
    byService.values().forEach(list -> list.forEach(probe -> closes.add(probe.check().close())));
    closes.add(producer == null ? Future.succeededFuture() : producer.close());
    return Future.join(closes);
  }

  private void round() {
    if (!lease.held()) {
      return;
    }
    for (JsonObject deployment : board.list("", "verifying")) {
      if (deployment.getBoolean("history", false)) {
        continue;
      }
      String service = deployment.getString("service");
      String id = deployment.getString("id");
      for (Probe probe : byService.getOrDefault(service, List.of())) {
        String key = id + " " + probe.config().name();
        if (busy.add(key)) {
          run(service, id, probe).onComplete(done -> busy.remove(key));
        }
      }
    }
  }

  private Future<Void> run(String service, String deploymentId, Probe probe) {
    String name = probe.config().name();
    long at = clock.millis();
    Future<Void> smoke = probe.check().check().transform(result -> publish(new DeploymentInput.Check(service, deploymentId, name + " smoke", at,
        result.succeeded(), result.succeeded() ? probe.check().target() + " answered" : probe.check().target() + ": " + result.cause().getMessage())));
    if (probe.config().type() != ProbeConfig.Type.HTTP) {
      return smoke;
    }
    return smoke.compose(done -> latency(probe, new ArrayList<>(), System.nanoTime() + config.latencyMaxSeconds() * 1_000_000_000L))
        .compose(outcome -> publish(new DeploymentInput.Check(service, deploymentId, name + " latency", at, outcome.passed(), outcome.detail())));
  }

  private record LatencyOutcome(boolean passed, String detail) {}

  /** Sequential requests until the count or the time is used up, or one fails. */
  private Future<LatencyOutcome> latency(Probe probe, List<Double> millis, long deadlineNanos) {
    if (millis.size() >= config.latencyRequests() || System.nanoTime() >= deadlineNanos) {
      double p90 = percentile90(millis);
      boolean passed = p90 <= config.maxLatencyMillis();
      return Future.succeededFuture(new LatencyOutcome(passed, String.format(Locale.ROOT, "p90 %.0f ms over %d requests (at most %d ms)", p90,
          millis.size(), config.maxLatencyMillis())));
    }
    long started = System.nanoTime();
    return probe.check().check().transform(result -> {
      if (result.failed()) {
        return Future.succeededFuture(new LatencyOutcome(false, "request " + (millis.size() + 1) + " failed: " + result.cause().getMessage()));
      }
      millis.add((System.nanoTime() - started) / 1e6);
      return latency(probe, millis, deadlineNanos);
    });
  }

  static double percentile90(List<Double> millis) {
    if (millis.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(millis);
    sorted.sort(Double::compare);
    return sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1);
  }

  private Future<Void> publish(DeploymentInput.Check check) {
    return producer.send(KafkaProducerRecord.create(Topics.DEPLOYMENT_INPUTS, check.service(), check.toJson())).<Void>mapEmpty()
        .onFailure(failure -> LOG.warn("deployment checks: result of {} not written: {}", check.name(), failure.getMessage()));
  }
}
