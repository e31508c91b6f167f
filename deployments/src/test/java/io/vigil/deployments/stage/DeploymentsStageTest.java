package io.vigil.deployments.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.config.ConfigLoader;
import io.vigil.config.DeploymentsConfig;
import io.vigil.config.KafkaConfig;
import io.vigil.config.ProbeConfig;
import io.vigil.deployments.api.DeploymentBoard;
import io.vigil.deployments.api.DeploymentsViewVerticle;
import io.vigil.deployments.checks.VerificationChecksVerticle;
import io.vigil.kafka.EmbeddedKafka;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.TopicReader;
import io.vigil.kafka.TopicSetup;
import io.vigil.model.DeploymentEvent;
import io.vigil.model.MetricPoint;
import io.vigil.model.SeriesKey;
import io.vigil.model.ServiceResolver;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import io.vigil.testing.Eventually;
import io.vigil.testing.ManualClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployments stage on a real broker, fed through its forwarders from the ingest topics: a
 * deployment after which the load balancer's response time is clearly higher fails naming
 * TargetResponseTime with its evidence, and a neutral one passes once the clock, advanced by hand,
 * has waited for late values past its window; a CloudFormation update that fails on an
 * unsupported property fails at once and carries the diagnostics signature seen for its service.
 */
class DeploymentsStageTest {

  private static final long MINUTE = 60_000L;
  private static final long START = 1_780_000_000_000L;
  private static final String LOAD_BALANCER = "app/shop-alb/1234";

  @TempDir
  static Path logDir;

  private static EmbeddedKafka broker;
  private static KafkaEndpoint kafka;
  private static Vertx vertx;
  private static ManualClock clock;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafka.start(logDir);
    KafkaConfig config = new KafkaConfig(broker.bootstrapServers(), 2, (short) 1, 24, 10_000, "deployments-test", 0, true, "lz4");
    TopicSetup.ensureTopics(broker.bootstrapServers(), config);
    kafka = KafkaEndpoint.of(config, broker.bootstrapServers());
    vertx = Vertx.vertx();
    DeploymentsConfig deployments = new ConfigLoader(vertx).environment(Map.of()).assignments(List.of("deployments.checkpointIntervalSeconds=1"))
        .load().await().deployments();
    clock = new ManualClock(START + 60 * MINUTE);
    DeploymentInputs inputs = new DeploymentInputs(new ServiceResolver(ServiceResolver.DEFAULT_DIMENSIONS), Map.of(LOAD_BALANCER, "api"),
        StageSettings.of(deployments).judge().settings().directions().keySet());
    vertx.deployVerticle(InputForwarders.points(kafka, inputs, 1)).await();
    vertx.deployVerticle(InputForwarders.events(kafka, 1)).await();
    vertx.deployVerticle(InputForwarders.diagnostics(kafka, 1)).await();
    vertx.deployVerticle(new DeploymentsVerticle(kafka, deployments, Optional.empty(), Map.of(), clock)).await();
    // A service whose health endpoint answers 503 once deployed, and the checks that run while it is verified.
    int port = vertx.createHttpServer().requestHandler(request -> request.response().setStatusCode(503).end("down")).listen(0, "127.0.0.1")
        .await().actualPort();
    DeploymentBoard board = new DeploymentBoard();
    vertx.deployVerticle(new DeploymentsViewVerticle(kafka, board)).await();
    vertx.deployVerticle(new VerificationChecksVerticle(kafka, new DeploymentsConfig.Checks(true, 1, 3, 5, 1000),
        List.of(new ProbeConfig("checkout-health", ProbeConfig.Type.HTTP, "http://127.0.0.1:" + port + "/health", 60, 2000, 200, "")),
        Map.of("checkout-health", "checkout"), board, clock)).await();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static void produce(String topic, String key, JsonObject value) {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()),
        new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value.encode()));
      producer.flush();
    }
  }

  /** Points every 30 s from 30 minutes before {@code start} to {@code until}; latency {@code after} from two minutes after the start. */
  private static void points(String service, SeriesKey latency, long start, long until, double after) {
    SplittableRandom random = new SplittableRandom(service.hashCode());
    SeriesKey cpu = SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ClusterName", "prod", "ServiceName", service));
    SeriesKey requests = SeriesKey.of("AWS/ApplicationELB", "RequestCount", latency.dimensions());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()),
        new StringSerializer(), new StringSerializer())) {
      for (long t = start - 30 * MINUTE; t < until; t += 30_000) {
        double latencyValue = (t >= start + 2 * MINUTE ? after : 0.15) + 0.008 * random.nextGaussian();
        for (MetricPoint point : List.of(new MetricPoint(latency, t, latencyValue, "Seconds"),
            new MetricPoint(cpu, t, 30 + 2 * random.nextGaussian(), "Percent"),
            new MetricPoint(requests, t, Math.rint(1200 + 40 * random.nextGaussian()), "Count"))) {
          producer.send(new ProducerRecord<>(Topics.POINTS, point.series().id(), Wire.point(point).encode()));
        }
      }
      producer.flush();
    }
  }

  private static void event(String id, String service, DeploymentEvent.Kind kind, long at) {
    DeploymentEvent event = new DeploymentEvent(id + "-" + kind.wireName(), id, service, kind, at, "api", service + ":42", "abc123", "ci", "", "", "");
    produce(Topics.DEPLOYMENT_EVENTS, service, Wire.deploymentEvent(event));
  }

  private static Future<JsonObject> deployment(String id, String status) {
    return Eventually.succeeds(vertx, 300, 200, () -> {
      JsonObject found = new TopicReader(kafka.readerProperties()).latestByKey(Topics.DEPLOYMENTS).get(id);
      return found != null && status.equals(found.getString("status")) ? Future.succeededFuture(found)
          : Future.failedFuture("deployment " + id + " is " + (found == null ? "not written" : found.encode()));
    });
  }

  @Test
  void aDeploymentThatRaisesLatencyFailsNamingTargetResponseTimeWithItsEvidence() {
    long start = START;
    SeriesKey latency = SeriesKey.of("AWS/ApplicationELB", "TargetResponseTime", Map.of("LoadBalancer", LOAD_BALANCER));
    event("d-slow", "api", DeploymentEvent.Kind.STARTED, start);
    event("d-slow", "api", DeploymentEvent.Kind.COMPLETED, start + 2 * MINUTE);
    points("api", latency, start, start + 20 * MINUTE, 0.50);

    JsonObject failed = deployment("d-slow", "fail").await();

    JsonObject verdict = failed.getJsonObject("verdict");
    assertThat(verdict.getString("result")).isEqualTo("fail");
    assertThat(verdict.getString("window")).isEqualTo("verification");
    assertThat(verdict.getJsonArray("reasons").getString(0)).startsWith("TargetResponseTime rose");
    JsonObject evidence = metric(verdict.getJsonArray("metrics"), "TargetResponseTime");
    assertThat(evidence.getString("seriesId")).isEqualTo(latency.id());
    assertThat(evidence.getString("direction")).isEqualTo("higher-is-worse");
    assertThat(evidence.getString("outcome")).isEqualTo("worse");
    assertThat(evidence.getJsonObject("baseline").getInteger("n")).isEqualTo(60);
    assertThat(evidence.getJsonObject("after").getInteger("n")).isEqualTo(30);
    assertThat(evidence.getJsonObject("after").getDouble("median")).isGreaterThan(0.45);
    assertThat(evidence.getDouble("pValue")).isLessThan(1e-6);
    assertThat(evidence.getDouble("effectSize")).isEqualTo(1.0);
    assertThat(metric(verdict.getJsonArray("metrics"), "CPUUtilization").getString("outcome")).isEqualTo("unchanged");
    assertThat(failed.getString("phase")).isEqualTo("monitoring");
    assertThat(failed.getBoolean("history")).isFalse();
    JsonArray actions = failed.getJsonArray("actions");
    assertThat(actions.getJsonObject(0).getString("type")).isEqualTo("alert");
    assertThat(actions.getJsonObject(1).getString("type")).isEqualTo("rollback");
    assertThat(actions.getJsonObject(1).getString("result")).isEqualTo("impossible");
  }

  @Test
  void aNeutralDeploymentPassesOnceTheClockHasWaitedForLateValues() {
    long start = START + 5 * MINUTE;
    SeriesKey latency = SeriesKey.of("AWS/ApplicationELB", "TargetResponseTime", Map.of("LoadBalancer", "app/web-alb/99"));
    event("d-calm", "app/web-alb/99", DeploymentEvent.Kind.STARTED, start);
    event("d-calm", "app/web-alb/99", DeploymentEvent.Kind.COMPLETED, start + 2 * MINUTE);
    points("app/web-alb/99", latency, start, start + 12 * MINUTE, 0.15);
    deployment("d-calm", "verifying").await();

    // The values stop before the window ends: the verdict waits for lateDataMinutes by the clock.
    clock.advanceMillis(11 * MINUTE);
    JsonObject passed = deployment("d-calm", "pass").await();

    JsonObject verdict = passed.getJsonObject("verdict");
    assertThat(verdict.getDouble("score")).isEqualTo(100.0);
    assertThat(metric(verdict.getJsonArray("metrics"), "TargetResponseTime").getString("outcome")).isEqualTo("unchanged");
    assertThat(passed.getJsonArray("actions")).isEmpty();
    assertThat(passed.getJsonArray("events")).hasSize(2);
  }

  @Test
  void aStackUpdateFailingOnAnUnsupportedPropertyFailsWithItsDiagnosticsSignature() {
    long start = START + 10 * MINUTE;
    String stack = "arn:aws:cloudformation:us-east-1:123456789012:stack/orders/6d1c";
    produce(Topics.DEPLOYMENT_EVENTS, "orders", Wire.deploymentEvent(new DeploymentEvent("e1", stack + "/token-1", "orders",
        DeploymentEvent.Kind.STARTED, start, "cloudformation", "", "", "", "orders", "UPDATE_IN_PROGRESS", "User Initiated")));
    String reason = "Encountered unsupported property HealthCheckGracePeriod";
    produce(Topics.DEPLOYMENT_EVENTS, "orders", Wire.deploymentEvent(new DeploymentEvent("e2", stack + "/token-1", "orders",
        DeploymentEvent.Kind.FAILED, start + MINUTE, "cloudformation", "", "", "", "OrdersService", "UPDATE_FAILED", reason)));
    produce(Topics.DIAGNOSTICS, "orders cfn-unsupported-property", new JsonObject().put("service", "orders").put("signature", "cfn-unsupported-property")
        .put("category", "deployment").put("severity", "critical").put("title", "CloudFormation: unsupported property")
        .put("firstSeenMillis", start + MINUTE).put("lastSeenMillis", start + MINUTE).put("count", 1)
        .put("evidence", new JsonArray().add(reason)).put("steps", new JsonArray().add("Remove the property or update the resource type")));

    JsonObject failed = Eventually.succeeds(vertx, 300, 200, () -> {
      JsonObject found = new TopicReader(kafka.readerProperties()).latestByKey(Topics.DEPLOYMENTS).get(stack + "/token-1");
      return found != null && !found.getJsonArray("diagnostics").isEmpty() ? Future.succeededFuture(found)
          : Future.failedFuture("no diagnostics on the deployment yet: " + (found == null ? "not written" : found.encode()));
    }).await();

    assertThat(failed.getString("status")).isEqualTo("fail");
    assertThat(failed.getString("source")).isEqualTo("cloudformation");
    assertThat(failed.getString("rolloutFailure")).isEqualTo("UPDATE_FAILED: " + reason);
    assertThat(failed.getJsonObject("verdict").getJsonArray("reasons").getString(0)).isEqualTo("the rollout failed: UPDATE_FAILED: " + reason);
    assertThat(failed.getJsonArray("diagnostics").getJsonObject(0).getString("signature")).isEqualTo("cfn-unsupported-property");
    assertThat(failed.getJsonArray("phases").getJsonObject(1).getString("state")).isEqualTo("failed");
    assertThat(failed.getJsonArray("events")).hasSize(2);
  }

  @Test
  void aFailedSmokeCheckDuringVerificationCountsAgainstTheVerdict() {
    long start = clock.millis() - 5 * MINUTE;
    SeriesKey latency = SeriesKey.of("AWS/ApplicationELB", "TargetResponseTime", Map.of("LoadBalancer", "checkout"));
    event("d-checked", "checkout", DeploymentEvent.Kind.STARTED, start);
    event("d-checked", "checkout", DeploymentEvent.Kind.COMPLETED, start + 2 * MINUTE);
    points("checkout", latency, start, start + 8 * MINUTE, 0.15);
    JsonObject checked = Eventually.succeeds(vertx, 300, 200, () -> {
      JsonObject found = new TopicReader(kafka.readerProperties()).latestByKey(Topics.DEPLOYMENTS).get("d-checked");
      return found != null && found.getJsonObject("checks").getInteger("failed") >= 2 ? Future.succeededFuture(found)
          : Future.failedFuture("no failed checks yet: " + (found == null ? "not written" : found.encode()));
    }).await();
    assertThat(checked.getString("status")).isEqualTo("verifying");

    // Past the window's end, then a minute at a time until the stage has waited lateDataMinutes for values that never come.
    clock.advanceMillis(13 * MINUTE);
    JsonObject judged = Eventually.succeeds(vertx, 300, 200, () -> {
      clock.advanceMillis(MINUTE);
      JsonObject found = new TopicReader(kafka.readerProperties()).latestByKey(Topics.DEPLOYMENTS).get("d-checked");
      return found != null && found.getJsonObject("verdict") != null ? Future.succeededFuture(found)
          : Future.failedFuture("no verdict yet: " + (found == null ? "not written" : found.encode()));
    }).await();

    JsonObject verdict = judged.getJsonObject("verdict");
    assertThat(verdict.getString("result")).isEqualTo("fail");
    assertThat(metric(verdict.getJsonArray("metrics"), "TargetResponseTime").getString("outcome")).isEqualTo("unchanged");
    assertThat(verdict.getJsonArray("penalties").stream().map(JsonObject.class::cast).map(penalty -> penalty.getString("name")).toList())
        .contains("checkout-health smoke", "checkout-health latency");
    assertThat(verdict.getJsonArray("reasons").stream().map(String::valueOf).toList())
        .anySatisfy(reason -> assertThat(reason).startsWith("synthetic check checkout-health smoke failed"));
  }

  private static JsonObject metric(JsonArray metrics, String name) {
    return metrics.stream().map(JsonObject.class::cast).filter(metric -> metric.getString("metric").equals(name)).findFirst().orElseThrow();
  }
}
