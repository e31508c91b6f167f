package io.vigil.engine.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.engine.VigilEngine;
import io.vigil.model.Topics;
import io.vigil.testing.Eventually;
import io.vigil.testing.LocalProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * The ECS events and CloudFormation sources against moto's server and a real embedded Kafka: an
 * ECS service's deployments and a stack's events reach {@code vigil.deployment-events} keyed by
 * their service, a missing service and a missing stack are reported on {@code /api/v1/sources}, each once across several polls and a restart, and later deployments' events follow
 * (a stack update; a new service of the followed cluster).
 * (moto synthesises neither ECS service events, nor stopped tasks' exit codes, nor failing stack
 * events; their parsing is tested on SDK objects in ingest, and their diagnosis in the engine's
 * diagnostics tests.)
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class DeploymentEventSourcesTest {

  private static final String QUEUE_TEMPLATE = "{\"Resources\":{\"Jobs\":{\"Type\":\"AWS::SQS::Queue\",\"Properties\":{\"QueueName\":\"%s\"}}}}";

  @TempDir
  static Path folder;

  private static LocalProcess moto;
  private static EcsClient ecs;
  private static CloudFormationClient cloudFormation;
  private VigilEngine engine;

  @BeforeAll
  static void startMoto() {
    System.setProperty("aws.accessKeyId", "AKIDTEST");
    System.setProperty("aws.secretAccessKey", "secret-for-tests");
    moto = LocalProcess.moto(folder.resolve("moto.log"));
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret-for-tests"));
    URI endpoint = URI.create("http://127.0.0.1:" + moto.port());
    ecs = EcsClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint).credentialsProvider(credentials).build();
    cloudFormation = CloudFormationClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint).credentialsProvider(credentials).build();
  }

  @AfterAll
  static void stopMoto() {
    if (ecs != null) {
      ecs.close();
      cloudFormation.close();
    }
    if (moto != null) {
      moto.close();
    }
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @AfterEach
  void stopEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  private VigilEngine startEngine(Vertx vertx) throws Exception {
    Path file = folder.resolve("sources.yaml");
    Files.writeString(file, """
        ingest:
          ecs:
            enabled: true
            pollIntervalSeconds: 1
            clusters: [prod]
            services:
              - {cluster: prod, service: ghost}
          cloudformation:
            enabled: true
            pollIntervalSeconds: 1
            stacks:
              - {name: jobs-stack, service: jobs}
              - {name: missing-stack}
        """);
    VigilConfig config = new ConfigLoader(vertx).file(file).environment(Map.of()).assignments(List.of(
        "http.port=0", "demo.enabled=false", "kafka.partitions=2", "storage.dataDir=" + folder.resolve("data"),
        "aws.region=us-east-1", "aws.endpointOverride=http://127.0.0.1:" + moto.port())).load().await();
    return VigilEngine.start(config, Clock.systemUTC());
  }

  private static void registerTaskDefinition() {
    ecs.registerTaskDefinition(request -> request.family("api")
        .containerDefinitions(ContainerDefinition.builder().name("app").image("api:1").memory(512).build()));
  }

  @Test
  void deploymentsAndStackEventsAreWrittenOnceAcrossPollsAndARestart(Vertx vertx) throws Exception {
    ecs.createCluster(request -> request.clusterName("prod"));
    registerTaskDefinition();
    ecs.createService(request -> request.cluster("prod").serviceName("api").taskDefinition("api:1").desiredCount(1));
    cloudFormation.createStack(request -> request.stackName("jobs-stack").templateBody(String.format(QUEUE_TEMPLATE, "jobs-1")));

    engine = startEngine(vertx);
    List<JsonObject> first = awaitEvents(vertx, events -> count(events, "ecs", "started") >= 1 && count(events, "cloudformation", "completed") >= 1);
    JsonObject started = first.stream().filter(event -> event.getString("source").equals("ecs")).findFirst().orElseThrow();
    assertThat(started.getString("service")).isEqualTo("api");
    assertThat(started.getString("version")).isEqualTo("api:1");
    assertThat(started.getString("deploymentId")).startsWith("ecs-svc/");
    List<JsonObject> stack = first.stream().filter(event -> event.getString("source").equals("cloudformation")).toList();
    assertThat(stack).extracting(event -> event.getString("service")).containsOnly("jobs");
    assertThat(stack.get(0).getString("kind")).isEqualTo("started");
    assertThat(stack).extracting(event -> event.getString("deploymentId")).containsOnly(stack.get(0).getString("deploymentId"));

    // A missing service and a missing stack are reported while the others flow; more polls add nothing.
    JsonObject ecsStatus = CloudWatchMetricsSourceTest.sourceStatus(vertx, engine, "ecs",
        json -> json.getString("state").equals("degraded") && json.getJsonObject("details").getJsonObject("services").containsKey("prod/api"));
    assertThat(ecsStatus.getString("lastError")).contains("prod/ghost").contains("MISSING");
    JsonObject cf = CloudWatchMetricsSourceTest.sourceStatus(vertx, engine, "cloudformation",
        json -> json.getString("state").equals("degraded") && json.getJsonObject("details").getLong("eventsEmitted") > 0);
    assertThat(cf.getString("lastError")).contains("missing-stack").contains("does not exist");
    long emitted = cf.getJsonObject("details").getLong("eventsEmitted");
    CloudWatchMetricsSourceTest.sourceStatus(vertx, engine, "cloudformation",
        json -> !json.getString("lastSuccess").equals(cf.getString("lastSuccess")));
    int before = first.size();
    assertThat(read(vertx)).hasSize(before);
    assertThat(emitted).isEqualTo(stack.size());

    engine.close();
    engine = null;
    // moto keeps one deployment per service on an update, so the new deployment is a new service's.
    ecs.createService(request -> request.cluster("prod").serviceName("worker").taskDefinition("api:1").desiredCount(1));
    cloudFormation.updateStack(request -> request.stackName("jobs-stack").templateBody(String.format(QUEUE_TEMPLATE, "jobs-2")));
    engine = startEngine(vertx);
    List<JsonObject> all = awaitEvents(vertx, events -> events.stream().anyMatch(event -> "worker".equals(event.getString("service")))
        && count(events, "cloudformation", "started") >= 2 && count(events, "cloudformation", "completed") >= 2);
    CloudWatchMetricsSourceTest.sourceStatus(vertx, engine, "cloudformation",
        json -> json.getJsonObject("details").getLong("eventsEmitted") > 0);
    Map<String, Integer> ids = new HashMap<>();
    read(vertx).forEach(event -> ids.merge(event.getString("id"), 1, Integer::sum));
    assertThat(ids).hasSizeGreaterThan(before).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
    List<String> updates = all.stream().filter(event -> event.getString("source").equals("cloudformation"))
        .skip(stack.size()).map(event -> event.getString("deploymentId")).distinct().toList();
    assertThat(updates).hasSize(1).doesNotContain(stack.get(0).getString("deploymentId"));
  }

  private static long count(List<JsonObject> events, String source, String kind) {
    return events.stream().filter(event -> event.getString("source").equals(source) && event.getString("kind").equals(kind)).count();
  }

  private List<JsonObject> read(Vertx vertx) {
    return vertx.executeBlocking(() -> CommittedTopic.readAll(engine.bootstrapServers(), Topics.DEPLOYMENT_EVENTS)).await();
  }

  private List<JsonObject> awaitEvents(Vertx vertx, Predicate<List<JsonObject>> done) {
    return Eventually.succeeds(vertx, 120, 500, () -> vertx.executeBlocking(() -> {
      List<JsonObject> events = CommittedTopic.readAll(engine.bootstrapServers(), Topics.DEPLOYMENT_EVENTS);
      if (!done.test(events)) {
        throw new AssertionError("not yet: " + events);
      }
      return events;
    })).await();
  }
}
