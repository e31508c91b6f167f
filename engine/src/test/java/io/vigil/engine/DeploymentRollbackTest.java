package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vigil.testing.Eventually;
import io.vigil.testing.LocalProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsAsyncClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * A deployment announced over the API against moto's ECS: its snapshot records the task
 * definition the service ran before; the service then moves to a new revision whose latency is
 * clearly higher; the verdict fails naming TargetResponseTime, and with
 * {@code deployments.autoRollback} the service is back on its previous task definition, the
 * rollback recorded on the deployment (dry run first) and in the audit trail; the failed verdict is
 * also an alert of the service, routed like any anomaly.
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class DeploymentRollbackTest {

  @TempDir
  static Path folder;

  private static LocalProcess moto;
  private static EcsAsyncClient ecs;
  private static String before;

  @BeforeAll
  static void startMoto() throws Exception {
    moto = LocalProcess.moto(folder.resolve("moto.log"));
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    ecs = EcsAsyncClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:" + moto.port())).build();
    ecs.createCluster(request -> request.clusterName("prod")).get(30, TimeUnit.SECONDS);
    before = register("example/api:1");
    ecs.createService(request -> request.cluster("prod").serviceName("api").taskDefinition(before).desiredCount(2)).get(30, TimeUnit.SECONDS);
  }

  private static String register(String image) throws Exception {
    return ecs.registerTaskDefinition(request -> request.family("api").networkMode(NetworkMode.AWSVPC)
        .requiresCompatibilities(Compatibility.FARGATE).cpu("512").memory("1024")
        .containerDefinitions(ContainerDefinition.builder().name("api").image(image).essential(true).memory(1024).build()))
        .get(30, TimeUnit.SECONDS).taskDefinition().taskDefinitionArn();
  }

  @AfterAll
  static void stopMoto() {
    if (ecs != null) {
      ecs.close();
    }
    if (moto != null) {
      moto.close();
    }
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private static String runs() throws Exception {
    return ecs.describeServices(request -> request.cluster("prod").services("api")).get(30, TimeUnit.SECONDS).services().get(0).taskDefinition();
  }

  private static JsonObject point(String namespace, String metric, Instant at, double value, String unit) {
    return new JsonObject().put("namespace", namespace).put("metric", metric)
        .put("dimensions", new JsonObject().put("ClusterName", "prod").put("ServiceName", "api"))
        .put("timestamp", at.toString()).put("value", value).put("unit", unit);
  }

  @Test
  void aDeploymentThatRaisesLatencyFailsAndIsRolledBackToThePreviousTaskDefinitionWithAnAuditRecord(Vertx vertx, @TempDir Path dataDir)
      throws Exception {
    try (VigilEngine engine = TestEngines.start(dataDir, "aws.region=us-east-1", "aws.endpointOverride=http://127.0.0.1:" + moto.port(),
        "deployments.ecs.enabled=true", "deployments.ecs.cluster=prod", "deployments.autoRollback=true",
        "deployments.checkpointIntervalSeconds=1")) {
      WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
      Instant now = Instant.now();
      Instant startedAt = now.minus(Duration.ofMinutes(20));
      HttpResponse<Buffer> announced = http.post("/api/v1/deployments").sendJsonObject(new JsonObject().put("id", "release-43")
          .put("service", "api").put("version", "api:2").put("startedAt", startedAt.toString()).put("by", "ci")).await();
      assertThat(announced.statusCode()).as(announced.bodyAsString()).isEqualTo(202);

      JsonObject snapshot = Eventually.succeeds(vertx, 150, 200, () -> http.get("/api/v1/deployments/release-43/snapshot").send()
          .compose(response -> response.statusCode() == 200 ? Future.succeededFuture(response.bodyAsJsonObject())
              : Future.failedFuture("no snapshot yet: " + response.bodyAsString()))).await();
      assertThat(snapshot.getString("source")).isEqualTo("ecs");
      assertThat(snapshot.getString("taskDefinition")).isEqualTo(before);
      assertThat(snapshot.getInteger("desiredCount")).isEqualTo(2);

      // The rollout itself: the service moves to the new revision, which is slower.
      String after = register("example/api:2");
      ecs.updateService(request -> request.cluster("prod").service("api").taskDefinition(after)).get(30, TimeUnit.SECONDS);
      assertThat(runs()).isEqualTo(after);
      Instant steadyAt = startedAt.plus(Duration.ofMinutes(2));
      assertThat(http.post("/api/v1/deployments/release-43/events").sendJsonObject(new JsonObject().put("kind", "completed")
          .put("at", steadyAt.toString())).await().statusCode()).isEqualTo(202);
      SplittableRandom random = new SplittableRandom(7);
      JsonArray points = new JsonArray();
      for (Instant at = startedAt.minus(Duration.ofMinutes(30)); at.isBefore(now.minusSeconds(30)); at = at.plusSeconds(30)) {
        double latency = (at.isBefore(steadyAt) ? 0.15 : 0.50) + 0.008 * random.nextGaussian();
        points.add(point("AWS/ApplicationELB", "TargetResponseTime", at, latency, "Seconds"));
        points.add(point("AWS/ECS", "CPUUtilization", at, 30 + 2 * random.nextGaussian(), "Percent"));
      }
      assertThat(http.post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", points)).await().statusCode()).isEqualTo(202);

      JsonObject rolledBack = Eventually.succeeds(vertx, 300, 200, () -> http.get("/api/v1/deployments/release-43").send().compose(response -> {
        JsonObject deployment = response.bodyAsJsonObject();
        return "rolled-back".equals(deployment.getString("status")) ? Future.succeededFuture(deployment)
            : Future.failedFuture("not rolled back yet: " + response.bodyAsString());
      })).await();
      assertThat(runs()).isEqualTo(before);
      JsonObject verdict = rolledBack.getJsonObject("verdict");
      assertThat(verdict.getString("result")).isEqualTo("fail");
      assertThat(verdict.getJsonArray("reasons").getString(0)).startsWith("TargetResponseTime rose");
      JsonArray actions = rolledBack.getJsonArray("actions");
      assertThat(actions.stream().map(action -> ((JsonObject) action).getString("type") + ":" + ((JsonObject) action).getString("result")).toList())
          .containsExactly("alert:raised", "rollback:planned", "rollback:done");
      JsonObject done = actions.getJsonObject(2);
      assertThat(done.getBoolean("dryRun")).isFalse();
      assertThat(done.getString("from")).isEqualTo(after);
      assertThat(done.getString("to")).isEqualTo(before);
      assertThat(done.getString("reason")).startsWith("TargetResponseTime rose");

      JsonArray audit = Eventually.succeeds(vertx, 100, 100, () -> http.get("/api/v1/audit").addQueryParam("object", "deployments/release-43").send()
          .compose(response -> {
            JsonArray records = response.bodyAsJsonObject().getJsonArray("records");
            return records.stream().anyMatch(record -> "UpdateService".equals(((JsonObject) record).getString("method")))
                ? Future.succeededFuture(records) : Future.failedFuture("audit records: " + records.encode());
          })).await();
      JsonObject update = audit.stream().map(JsonObject.class::cast).filter(record -> "UpdateService".equals(record.getString("method"))).findFirst()
          .orElseThrow();
      assertThat(update.getString("actor")).isEqualTo("vigil:deployments");
      assertThat(update.getJsonObject("before").getString("taskDefinition")).isEqualTo(after);
      assertThat(update.getJsonObject("after").getString("taskDefinition")).isEqualTo(before);

      JsonObject alert = Eventually.succeeds(vertx, 100, 100, () -> http.get("/api/v1/alerts").send().compose(response -> {
        for (Object item : response.bodyAsJsonObject().getJsonArray("alerts")) {
          JsonObject labels = ((JsonObject) item).getJsonObject("labels");
          if ("DeploymentVerdict".equals(labels.getString("metric"))) {
            return Future.succeededFuture((JsonObject) item);
          }
        }
        return Future.failedFuture("no deployment alert yet: " + response.bodyAsString());
      })).await();
      assertThat(alert.getJsonObject("labels").getString("service")).isEqualTo("api");
      assertThat(alert.getJsonObject("labels").getString("severity")).isEqualTo("critical");
    }
  }
}
