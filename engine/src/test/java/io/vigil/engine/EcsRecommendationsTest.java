package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vigil.testing.Eventually;
import io.vigil.testing.LocalProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
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
 * The whole path against moto's ECS: metrics pushed for an ECS service whose size the engine reads
 * from ECS, a kill for memory in its logs, the recommendation it gets, then an apply that registers a
 * new revision and points the service at it, and a rollback that points it back, each with its
 * record in the audit trail.
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class EcsRecommendationsTest {

  @TempDir
  static Path folder;

  private static LocalProcess moto;
  private static EcsAsyncClient ecs;

  @BeforeAll
  static void startMoto() throws Exception {
    moto = LocalProcess.moto(folder.resolve("moto.log"));
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    ecs = EcsAsyncClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:" + moto.port())).build();
    ecs.createCluster(request -> request.clusterName("prod")).get(30, TimeUnit.SECONDS);
    String arn = ecs.registerTaskDefinition(request -> request.family("worker").networkMode(NetworkMode.AWSVPC)
        .requiresCompatibilities(Compatibility.FARGATE).cpu("1024").memory("2048")
        .containerDefinitions(ContainerDefinition.builder().name("worker").image("example/worker:1").essential(true).memory(2048).build()))
        .get(30, TimeUnit.SECONDS).taskDefinition().taskDefinitionArn();
    ecs.createService(request -> request.cluster("prod").serviceName("worker").taskDefinition(arn).desiredCount(1)).get(30, TimeUnit.SECONDS);
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
    return ecs.describeServices(request -> request.cluster("prod").services("worker")).get(30, TimeUnit.SECONDS).services().get(0).taskDefinition();
  }

  private static JsonObject point(String metric, Instant at, double value) {
    return new JsonObject().put("namespace", "AWS/ECS").put("metric", metric)
        .put("dimensions", new JsonObject().put("ClusterName", "prod").put("ServiceName", "worker"))
        .put("timestamp", at.toString()).put("value", value).put("unit", "Percent");
  }

  private static JsonArray audit(WebClient http, String id) {
    return http.get("/api/v1/audit").addQueryParam("object", "recommendations/" + id).send().await().bodyAsJsonObject().getJsonArray("records");
  }

  @Test
  void applyAndRollbackChangeAndRestoreTheServicesTaskDefinitionWithAuditRecords(Vertx vertx, @TempDir Path dataDir) throws Exception {
    try (VigilEngine engine = TestEngines.start(dataDir, "aws.region=us-east-1", "aws.endpointOverride=http://127.0.0.1:" + moto.port(),
        "recommendations.ecs.enabled=true", "recommendations.applyEnabled=true", "recommendations.evaluateIntervalSeconds=1",
        "recommendations.checkpointIntervalSeconds=1", "alerting.enabled=false")) {
      WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
      Instant now = Instant.now();
      JsonArray points = new JsonArray();
      for (int minute = 240; minute >= 1; minute--) {
        Instant at = now.minusSeconds(minute * 60L);
        points.add(point("CPUUtilization", at, 45 + minute % 5));
        points.add(point("MemoryUtilization", at, Math.min(100, 40 + 60.0 * (240 - minute) / 230)));
      }
      assertThat(http.post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", points)).await().statusCode()).isEqualTo(202);
      JsonObject kill = new JsonObject().put("logGroup", "/aws/ecs/events").put("logStream", "prod").put("timestamp", now.minusSeconds(30).toString())
          .put("message", "(service worker) (task 81c2) Task stopped: Essential container in task exited. OutOfMemoryError: Container killed due to memory usage. Exit Code 137");
      assertThat(http.post("/api/v1/logs").sendJsonObject(new JsonObject().put("events", new JsonArray().add(kill))).await().statusCode()).isEqualTo(202);

      JsonObject recommendation = Eventually.succeeds(vertx, 150, 200, () -> http.get("/api/v1/recommendations?service=worker").send().compose(response -> {
        for (Object item : response.bodyAsJsonObject().getJsonArray("recommendations")) {
          JsonObject found = (JsonObject) item;
          if ("rightsize".equals(found.getString("kind")) && found.getJsonObject("recommended").getInteger("memoryMiB") > 2048
              && !found.getJsonObject("evidence").getInteger("kills").equals(0)) {
            return Future.succeededFuture(found);
          }
        }
        return Future.failedFuture("no memory increase yet: " + response.bodyAsString());
      })).await();
      assertThat(recommendation.getJsonObject("current").getString("source")).isEqualTo("ecs");
      assertThat(recommendation.getJsonObject("current").getString("taskDefinition")).endsWith("task-definition/worker:1");
      String id = recommendation.getString("id");
      String before = runs();

      HttpResponse<Buffer> applied = http.post("/api/v1/recommendations/" + id + "/apply").sendJsonObject(new JsonObject().put("dryRun", false)).await();
      assertThat(applied.statusCode()).as(applied.bodyAsString()).isEqualTo(200);
      assertThat(runs()).endsWith("worker:2").isEqualTo(applied.bodyAsJsonObject().getString("appliedTaskDefinition"));
      String running = runs();
      assertThat(ecs.describeTaskDefinition(request -> request.taskDefinition(running)).get(30, TimeUnit.SECONDS).taskDefinition().memory()).isEqualTo("3072");
      JsonArray afterApply = Eventually.succeeds(vertx, 100, 100, () -> {
        JsonArray records = audit(http, id);
        return records.size() == 1 ? Future.succeededFuture(records) : Future.failedFuture("audit records: " + records.encode());
      }).await();
      assertThat(afterApply.getJsonObject(0).getJsonObject("before").getString("taskDefinition")).isEqualTo(before);

      HttpResponse<Buffer> rolledBack = http.post("/api/v1/recommendations/" + id + "/rollback").sendJsonObject(new JsonObject()).await();
      assertThat(rolledBack.statusCode()).as(rolledBack.bodyAsString()).isEqualTo(200);
      assertThat(runs()).isEqualTo(before);
      JsonArray afterRollback = Eventually.succeeds(vertx, 100, 100, () -> {
        JsonArray records = audit(http, id);
        return records.size() == 2 ? Future.succeededFuture(records) : Future.failedFuture("audit records: " + records.encode());
      }).await();
      assertThat(afterRollback.getJsonObject(0).getJsonObject("after").getString("taskDefinition")).isEqualTo(before);
    }
  }
}
