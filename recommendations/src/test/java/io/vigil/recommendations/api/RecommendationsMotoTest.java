package io.vigil.recommendations.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vigil.config.AuthConfig;
import io.vigil.recommendations.Confidence;
import io.vigil.recommendations.FargateSize;
import io.vigil.recommendations.FargateSizes;
import io.vigil.recommendations.Finding;
import io.vigil.recommendations.PerformanceRisk;
import io.vigil.recommendations.Recommendation;
import io.vigil.recommendations.RecommendationBook;
import io.vigil.recommendations.ServiceUsage;
import io.vigil.recommendations.ecs.EcsApplier;
import io.vigil.recommendations.ecs.EcsServiceState;
import io.vigil.recommendations.ecs.EcsTaskCatalog;
import io.vigil.recommendations.stage.RecommendationJson;
import io.vigil.recommendations.stage.RecommenderSetup;
import io.vigil.testing.LocalProcess;
import io.vigil.testing.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsAsyncClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * The recommender's ECS side against moto's ECS on a free loopback port: task sizes read from a real
 * DescribeServices/DescribeTaskDefinition; a service killed for memory at 2048 MiB gets more with high
 * confidence and High risk if unchanged; an over-provisioned one a smaller size with its saving; and
 * through the real routes a dry run changes nothing, an apply registers a new revision and updates
 * the service, a rollback restores the previous one, and a stale recommendation is refused.
 */
@Tag("slow")
class RecommendationsMotoTest {

  private static final long HOUR = 3600_000L;
  private static final long MINUTE = 60_000L;
  private static final long START = 1_764_547_200_000L; // 2025-12-01T00:00:00Z

  @TempDir
  static Path folder;

  private static LocalProcess moto;
  private static EcsAsyncClient client;
  private static Vertx vertx;
  private static EcsTaskCatalog catalog;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void startMoto() throws Exception {
    moto = LocalProcess.moto(folder.resolve("moto.log"));
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    client = EcsAsyncClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:" + moto.port())).build();
    client.createCluster(request -> request.clusterName("prod")).get(30, TimeUnit.SECONDS);
    service("worker", "1024", "2048", 1);
    service("api", "2048", "8192", 3);
    vertx = Vertx.vertx();
    catalog = new EcsTaskCatalog(client, vertx.createSharedWorkerExecutor("test-ecs", 2));
  }

  private static void service(String name, String cpu, String memory, int count) throws Exception {
    String arn = client.registerTaskDefinition(request -> request.family(name).networkMode(NetworkMode.AWSVPC)
        .requiresCompatibilities(Compatibility.FARGATE).cpu(cpu).memory(memory)
        .containerDefinitions(ContainerDefinition.builder().name(name).image("example/" + name + ":1").essential(true)
            .memory(Integer.parseInt(memory)).build()))
        .get(30, TimeUnit.SECONDS).taskDefinition().taskDefinitionArn();
    client.createService(request -> request.cluster("prod").serviceName(name).taskDefinition(arn).desiredCount(count)).get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (client != null) {
      client.close();
    }
    if (moto != null) {
      moto.close();
    }
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private static EcsServiceState describe(String service) {
    return catalog.describe(vertx.getOrCreateContext(), "prod", service).await();
  }

  private static RecommendationBook book() {
    return new RecommendationBook(RecommenderSetup.settings(RoutesFixture.config(true), "us-east-1"), name -> Optional.empty(), 1000);
  }

  /** Four hours of a worker whose memory climbs to its limit, then the kill ECS reports. */
  private static Recommendation killedWorker(ManualClock clock) {
    RecommendationBook book = book();
    ServiceUsage usage = book.usage("prod", "worker");
    EcsServiceState state = describe("worker");
    book.taskSize("worker", state.size());
    for (int i = 0; i < 240; i++) {
      usage.addCpuPercent(clock.millis(), 45);
      usage.addMemoryPercent(clock.millis(), 40 + 60.0 * i / 239);
      clock.advanceMillis(MINUTE);
    }
    usage.addKill(clock.millis(), "/aws/ecs/events", "(service worker) Task stopped: OutOfMemoryError: Container killed due to memory usage. Exit Code 137");
    return book.due(clock.millis()).stream().map(RecommendationBook.Publication::recommendation).flatMap(Optional::stream)
        .filter(found -> found.kind() == Recommendation.Kind.RIGHTSIZE).findFirst().orElseThrow();
  }

  @Test
  void aServiceKilledForMemoryAtItsEcsSizeGetsMoreWithHighConfidence() {
    EcsServiceState state = describe("worker");
    assertThat(state.size().size()).isEqualTo(new FargateSize(1024, 2048));
    assertThat(state.size().taskDefinition()).endsWith("task-definition/worker:1");
    assertThat(state.size().source()).isEqualTo("ecs");

    Recommendation recommendation = killedWorker(new ManualClock(START));
    // Peak 2048 at the kill: x1.2 = 2457.6, +15% = 2826 MiB -> the next valid 1024-CPU size, 3 GiB.
    assertThat(recommendation.recommendedSize().memoryMiB()).isGreaterThanOrEqualTo((int) Math.ceil(2048 * 1.2 * 1.15));
    assertThat(recommendation.recommendedSize()).isEqualTo(FargateSizes.atLeast(1024, 2048 * 1.2 * 1.15).orElseThrow());
    assertThat(recommendation.finding()).isEqualTo(Finding.UNDERPROVISIONED);
    assertThat(recommendation.confidence().level()).isEqualTo(Confidence.Level.HIGH);
    assertThat(recommendation.riskIfUnchanged()).isEqualTo(PerformanceRisk.HIGH);
    assertThat(recommendation.current().taskDefinition()).isEqualTo(state.size().taskDefinition());
  }

  @Test
  void anOverProvisionedServiceGetsASmallerSizeAndItsMonthlySaving() {
    ManualClock clock = new ManualClock(START);
    RecommendationBook book = book();
    ServiceUsage usage = book.usage("prod", "api");
    book.taskSize("api", describe("api").size());
    for (long end = START + 24 * HOUR; clock.millis() <= end; clock.advanceMillis(MINUTE)) {
      double phase = Math.sin(clock.millis() / (3.0 * HOUR));
      usage.addCpuPercent(clock.millis(), 6 + 3 * phase);
      usage.addMemoryPercent(clock.millis(), 18 + 5 * phase);
    }
    Recommendation recommendation = book.due(clock.millis()).stream().map(RecommendationBook.Publication::recommendation).flatMap(Optional::stream)
        .filter(found -> found.kind() == Recommendation.Kind.RIGHTSIZE).findFirst().orElseThrow();
    assertThat(recommendation.finding()).isEqualTo(Finding.OVERPROVISIONED);
    assertThat(recommendation.recommendedSize().cpu()).isLessThan(2048);
    assertThat(recommendation.recommendedSize().memoryMiB()).isLessThan(8192);
    // Three tasks: the saving is three tasks' worth of the smaller size against the larger.
    assertThat(recommendation.monthlyCostDelta()).isNegative();
    assertThat(recommendation.monthlyCostCurrent()).isCloseTo(3 * 730 * (2 * 0.04048 + 8 * 0.004445), org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void dryRunChangesNothingApplyRegistersAndUpdatesRollbackRestoresAndStaleIsRefused() throws Exception {
    RecommendationBoard board = new RecommendationBoard();
    Recommendation recommendation = killedWorker(new ManualClock(START));
    board.put(RecommendationJson.toJson(recommendation));
    String id = recommendation.id();
    int dryPort = serve(board, false);
    int applyPort = serve(board, true);

    HttpResponse<String> dry = post(dryPort, "/api/v1/recommendations/" + id + "/apply", "");
    assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
    JsonObject plan = new JsonObject(dry.body());
    assertThat(plan.getBoolean("dryRun")).isTrue();
    assertThat(plan.getJsonObject("taskDefinition").getJsonObject("new").getString("memory")).isEqualTo("3072");
    assertThat(plan.getJsonArray("diff").stream().map(item -> ((JsonObject) item).getString("path")).toList())
        .contains("memory", "containerDefinitions[0].memory");
    assertThat(plan.getJsonObject("updateService").getString("service")).isEqualTo("worker");
    assertThat(runs("worker")).endsWith("worker:1");
    assertThat(revisions("worker")).hasSize(1);

    HttpResponse<String> refused = post(dryPort, "/api/v1/recommendations/" + id + "/apply", "{\"dryRun\": false}");
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(refused.body()).getString("error")).contains("applyEnabled");
    HttpResponse<String> bad = post(dryPort, "/api/v1/recommendations/" + id + "/apply", "{\"dryRun\": \"no\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("dryRun");

    int audited = RoutesFixture.AUDITED.size();
    HttpResponse<String> applied = post(applyPort, "/api/v1/recommendations/" + id + "/apply", "{\"dryRun\": false}");
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    assertThat(runs("worker")).endsWith("worker:2");
    assertThat(describe("worker").size().size()).isEqualTo(new FargateSize(1024, 3072));
    assertThat(revisions("worker")).hasSize(2);
    assertThat(board.action(id).orElseThrow().getString("previousTaskDefinition")).endsWith("worker:1");
    assertThat(RoutesFixture.AUDITED).hasSize(audited + 1);
    assertThat(RoutesFixture.AUDITED.get(audited).getString("object")).isEqualTo("recommendations/" + id);

    // The recommendation was made for worker:1; the service now runs worker:2, so applying it again is stale.
    HttpResponse<String> stale = post(applyPort, "/api/v1/recommendations/" + id + "/apply", "{\"dryRun\": true}");
    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
    assertThat(new JsonObject(stale.body()).getString("error")).startsWith("stale");

    HttpResponse<String> rolledBack = post(applyPort, "/api/v1/recommendations/" + id + "/rollback", "");
    assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
    assertThat(runs("worker")).endsWith("worker:1");
    assertThat(describe("worker").size().size()).isEqualTo(new FargateSize(1024, 2048));
    assertThat(RoutesFixture.AUDITED).hasSize(audited + 2);
    HttpResponse<String> again = post(applyPort, "/api/v1/recommendations/" + id + "/rollback", "");
    assertThat(again.statusCode()).isEqualTo(409);
  }

  private static int serve(RecommendationBoard board, boolean applyEnabled) {
    Router router = Router.router(vertx);
    router.route().handler(io.vertx.ext.web.handler.BodyHandler.create(false));
    new RecommendationsRoutes(board, RoutesFixture.config(applyEnabled), Optional.of(new EcsApplier(catalog)),
        (id, action) -> {
          board.putAction(id, action);
          return Future.succeededFuture();
        }, RoutesFixture.audit(), new AuthConfig(""), RoutesFixture.http(), java.time.Clock.systemUTC()).mount(router, vertx);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    return server.actualPort();
  }

  private static HttpResponse<String> post(int port, String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String runs(String service) throws Exception {
    return client.describeServices(request -> request.cluster("prod").services(service)).get(30, TimeUnit.SECONDS).services().get(0).taskDefinition();
  }

  private static List<String> revisions(String family) throws Exception {
    return client.listTaskDefinitions(request -> request.familyPrefix(family)).get(30, TimeUnit.SECONDS).taskDefinitionArns();
  }
}
