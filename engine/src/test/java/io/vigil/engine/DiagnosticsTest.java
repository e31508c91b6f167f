package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vigil.model.Anomaly;
import io.vigil.model.DeploymentEvent;
import io.vigil.model.DeploymentEvent.Kind;
import io.vigil.model.SeriesKey;
import io.vigil.model.Severity;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import io.vigil.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's failures, replayed as the log lines and deployment events a real service and its
 * sources would write, each come first in {@code GET /api/v1/diagnostics/{service}} with its steps;
 * a restart keeps the diagnoses and their counts; a signature of the user's own catalog is matched
 * by its metric condition on an anomaly. The deployment events are written to
 * {@code vigil.deployment-events} as the ECS and CloudFormation sources write them: moto, which the
 * sources' own test runs against, synthesises no failing service events, exit codes or stack events.
 */
@ExtendWith(VertxExtension.class)
class DiagnosticsTest {

  @TempDir
  Path dataDir;

  private static WebClient http(Vertx vertx, VigilEngine engine) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
  }

  private static JsonObject line(String group, Instant at, String message) {
    return new JsonObject().put("logGroup", group).put("logStream", "task-1").put("timestamp", at.toString()).put("message", message);
  }

  private static DeploymentEvent event(String id, String service, Kind kind, String source, String resource, String status, String reason,
      Instant at) {
    return new DeploymentEvent(id, "dep-" + service, service, kind, at.toEpochMilli(), source, "", "", "", resource, status, reason);
  }

  private static void publish(Vertx vertx, VigilEngine engine, List<DeploymentEvent> events) {
    KafkaProducer<String, JsonObject> producer = KafkaProducer.create(vertx,
        engine.config().kafka().producerProperties(engine.bootstrapServers()), String.class, JsonObject.class);
    for (DeploymentEvent event : events) {
      producer.send(KafkaProducerRecord.create(Topics.DEPLOYMENT_EVENTS, event.service(), Wire.deploymentEvent(event))).await();
    }
    producer.close().await();
  }

  private static JsonObject awaitDiagnoses(Vertx vertx, VigilEngine engine, String service, Predicate<JsonArray> done) {
    WebClient client = http(vertx, engine);
    try {
      return Eventually.succeeds(vertx, 120, 250, () -> client.get("/api/v1/diagnostics/" + service).send().compose(response -> {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = response.bodyAsJsonObject();
        return done.test(body.getJsonArray("diagnoses")) ? Future.succeededFuture(body)
            : Future.failedFuture(new AssertionError(service + " not yet: " + body.encode()));
      })).await();
    } finally {
      client.close();
    }
  }

  private static String first(JsonObject body) {
    return body.getJsonArray("diagnoses").getJsonObject(0).getString("signature");
  }

  private static final String OWN_CATALOG = """
      signatures:
        - id: disk-full
          category: capacity
          severity: critical
          title: Ephemeral storage full
          explanation: The task's ephemeral storage is full.
          match:
            logs: ['No space left on device']
            metrics: [{metric: EphemeralStorageUtilized, above: 90}]
          steps: ['Raise ephemeralStorage in the task definition of {service}.']
      """;

  private VigilEngine start() throws Exception {
    Path catalog = dataDir.resolve("signatures.yaml");
    Files.writeString(catalog, OWN_CATALOG);
    return TestEngines.start(dataDir.resolve("data"), "diagnostics.catalogFile=" + catalog);
  }

  @Test
  void eachSeedFailureIsDiagnosedFirstWithItsStepsAndSurvivesARestart(Vertx vertx) throws Exception {
    VigilEngine engine = start();
    Instant now = Instant.now();
    try {
      JsonArray lines = new JsonArray()
          .add(line("/ecs/web", now.minusSeconds(120), "INFO:     Started server process [1]"))
          .add(line("/ecs/web", now.minusSeconds(119), "INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)"))
          .add(line("/ecs/orders", now.minusSeconds(90), "FATAL:  the database system is starting up"))
          .add(line("/ecs/orders", now.minusSeconds(80),
              "psycopg2.OperationalError: connection to server at \"db\" (10.0.1.5), port 5432 failed: Connection refused"))
          .add(line("/ecs/orders", now.minusSeconds(70), "redis.exceptions.ConnectionError: Error 111 connecting to cache:6379. Connection refused."))
          .add(line("/ecs/payments", now.minusSeconds(60),
              "botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation: "
                  + "User: arn:aws:sts::1:assumed-role/payments/abc is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::receipts/1"));
      assertThat(http(vertx, engine).post("/api/v1/logs").sendJsonObject(new JsonObject().put("events", lines)).await().statusCode()).isEqualTo(202);
      publish(vertx, engine, List.of(
          event("arn:task/1@1", "billing", Kind.TASK_FAILED, "ecs", "arn:aws:ecs:us-east-1:1:task-definition/billing:7",
              "stopCode=EssentialContainerExited exitCode=137",
              "Essential container in task exited; container app: exit code 137 (OutOfMemoryError: Container killed due to memory usage)",
              now.minusSeconds(50)),
          event("ev-hc", "search", Kind.TASK_FAILED, "ecs", "prod/search", "",
              "(service search) (task 9f) failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/search/2).",
              now.minusSeconds(45)),
          event("arn:task/2@1", "reports", Kind.TASK_FAILED, "ecs", "arn:aws:ecs:us-east-1:1:task-definition/reports:3",
              "stopCode=EssentialContainerExited exitCode=124", "Essential container in task exited; container app: exit code 124", now.minusSeconds(44)),
          event("arn:task/3@1", "images", Kind.TASK_FAILED, "ecs", "arn:aws:ecs:us-east-1:1:task-definition/images:2", "stopCode=TaskFailedToStart",
              "CannotPullContainerError: pull image manifest has been retried 5 time(s): manifest for 1.dkr.ecr.us-east-1.amazonaws.com/images:v9 not found",
              now.minusSeconds(43)),
          event("ev-place", "batch", Kind.TASK_FAILED, "ecs", "prod/batch", "",
              "(service batch) was unable to place a task because no container instance met all of its requirements. Reason: RESOURCE:MEMORY",
              now.minusSeconds(42)),
          event("cf-1", "cache", Kind.FAILED, "cloudformation", "Redis", "UPDATE_FAILED",
              "Encountered unsupported property AtRestEncryptionEnabled", now.minusSeconds(40)),
          event("cf-2", "cache", Kind.PROGRESS, "cloudformation", "cache", "UPDATE_ROLLBACK_IN_PROGRESS",
              "The following resource(s) failed to update: [Redis].", now.minusSeconds(39)),
          event("cf-3", "ledger", Kind.FAILED, "cloudformation", "Database", "DELETE_FAILED",
              "Resource handler returned message: \"Cannot delete protected DB Instance, please disable deletion protection and try again.\"",
              now.minusSeconds(30))));

      JsonObject web = awaitDiagnoses(vertx, engine, "web", diagnoses -> !diagnoses.isEmpty());
      assertThat(first(web)).isEqualTo("bound-to-localhost");
      JsonObject bound = web.getJsonArray("diagnoses").getJsonObject(0);
      assertThat(bound.getString("category")).isEqualTo("network");
      assertThat(bound.getJsonArray("steps").getString(0)).contains("0.0.0.0");
      assertThat(bound.getJsonArray("evidence").getJsonObject(0).getString("text")).contains("Uvicorn running on http://127.0.0.1:8000");

      JsonObject orders = awaitDiagnoses(vertx, engine, "orders", diagnoses -> !diagnoses.isEmpty()
          && diagnoses.getJsonObject(0).getLong("count") >= 3);
      assertThat(first(orders)).isEqualTo("dependency-not-ready");
      assertThat(orders.getJsonArray("diagnoses").getJsonObject(0).getJsonArray("steps").getString(0)).contains("./vigil wait-for");

      JsonObject billing = awaitDiagnoses(vertx, engine, "billing", diagnoses -> !diagnoses.isEmpty());
      assertThat(first(billing)).isEqualTo("memory-kill");
      assertThat(billing.getJsonArray("diagnoses").getJsonObject(0).getString("deploymentId")).isEqualTo("dep-billing");
      assertThat(billing.getJsonArray("diagnoses").getJsonObject(0).getJsonArray("steps").getString(0))
          .contains("/api/v1/recommendations?service=billing");

      // The stopped task's kill for memory also takes points off the service's health score.
      WebClient client = http(vertx, engine);
      JsonObject health = Eventually.succeeds(vertx, 120, 250, () -> client.get("/api/v1/health/billing").send().compose(response ->
          response.statusCode() == 200 && response.bodyAsJsonObject().getString("topReason", "").startsWith("container killed for memory")
              ? Future.succeededFuture(response.bodyAsJsonObject())
              : Future.failedFuture(new AssertionError("billing health not yet: " + response.bodyAsString())))).await();
      assertThat(health.getDouble("score")).isLessThan(100.0);

      assertThat(first(awaitDiagnoses(vertx, engine, "payments", diagnoses -> !diagnoses.isEmpty()))).isEqualTo("iam-permission-missing");
      assertThat(first(awaitDiagnoses(vertx, engine, "search", diagnoses -> !diagnoses.isEmpty()))).isEqualTo("health-check-failing");
      assertThat(first(awaitDiagnoses(vertx, engine, "reports", diagnoses -> !diagnoses.isEmpty()))).isEqualTo("startup-timeout");
      assertThat(first(awaitDiagnoses(vertx, engine, "images", diagnoses -> !diagnoses.isEmpty()))).isEqualTo("image-pull-failed");
      assertThat(first(awaitDiagnoses(vertx, engine, "batch", diagnoses -> !diagnoses.isEmpty()))).isEqualTo("quota-exceeded");
      JsonObject cache = awaitDiagnoses(vertx, engine, "cache", diagnoses -> !diagnoses.isEmpty());
      assertThat(first(cache)).isEqualTo("cloudformation-unsupported-property");
      assertThat(cache.getJsonArray("diagnoses")).hasSize(1);
      assertThat(first(awaitDiagnoses(vertx, engine, "ledger", diagnoses -> !diagnoses.isEmpty()))).isEqualTo("rds-deletion-protection");

      // A signature of the user's own catalog, matched by its metric condition on an anomaly.
      SeriesKey storage = SeriesKey.of("ECS/ContainerInsights", "EphemeralStorageUtilized", Map.of("ServiceName", "files"));
      KafkaProducer<String, JsonObject> producer = KafkaProducer.create(vertx,
          engine.config().kafka().producerProperties(engine.bootstrapServers()), String.class, JsonObject.class);
      Anomaly full = new Anomaly(Anomaly.idFor(storage.id(), now.toEpochMilli()), storage, "files", now.toEpochMilli(), 97, 0.99, 20, 60,
          Severity.CRITICAL, "level");
      producer.send(KafkaProducerRecord.create(Topics.ANOMALIES, storage.id(), Wire.anomaly(full))).await();
      producer.close().await();
      JsonObject files = awaitDiagnoses(vertx, engine, "files", diagnoses -> !diagnoses.isEmpty());
      assertThat(first(files)).isEqualTo("disk-full");
      JsonObject disk = files.getJsonArray("diagnoses").getJsonObject(0);
      assertThat(disk.getJsonArray("steps").getString(0)).isEqualTo("Raise ephemeralStorage in the task definition of files.");
      assertThat(disk.getJsonArray("evidence").getJsonObject(0).getString("source")).isEqualTo("anomalies");
      assertThat(disk.getJsonArray("evidence").getJsonObject(0).getString("text")).contains("EphemeralStorageUtilized = 97");

      JsonObject all = http(vertx, engine).get("/api/v1/diagnostics").send().await().bodyAsJsonObject();
      assertThat(all.getJsonArray("services").stream().map(item -> ((JsonObject) item).getString("service")))
          .contains("web", "orders", "billing", "cache", "ledger");
      assertThat(http(vertx, engine).get("/api/v1/diagnostics/nobody").send().await().bodyAsJsonObject().getJsonArray("diagnoses")).isEmpty();
      JsonObject bad = http(vertx, engine).get("/api/v1/diagnostics/web").addQueryParam("since", "yesterday").send().await().bodyAsJsonObject();
      assertThat(bad.getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("since");
    } finally {
      engine.close();
    }

    // After a restart the diagnoses are still served, and a new sighting adds to the restored count.
    VigilEngine again = start();
    try {
      assertThat(first(awaitDiagnoses(vertx, again, "billing", diagnoses -> !diagnoses.isEmpty()))).isEqualTo("memory-kill");
      publish(vertx, again, List.of(event("arn:task/9@1", "billing", Kind.TASK_FAILED, "ecs", "td", "exitCode=137",
          "Essential container in task exited", Instant.now())));
      JsonObject billing = awaitDiagnoses(vertx, again, "billing", diagnoses -> diagnoses.getJsonObject(0).getLong("count") >= 2);
      assertThat(billing.getJsonArray("diagnoses").getJsonObject(0).getLong("count")).isEqualTo(2);
    } finally {
      again.close();
    }
  }
}
