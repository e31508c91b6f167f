package io.vigil.engine.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vigil.engine.TestEngines;
import io.vigil.engine.VigilEngine;
import io.vigil.model.Topics;
import io.vigil.testing.Eventually;
import io.vigil.testing.LocalProcess;
import java.net.URI;
import java.nio.file.Path;
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
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The CloudWatch Logs source against moto's server and a real embedded Kafka: groups by name and
 * prefix, an unknown group reported on /api/v1/sources while the others flow, events on
 * /api/v1/logs with CloudWatch's event ids, each event written once across a restart, late events,
 * and another account read through an assumed role.
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class CloudWatchLogsSourceTest {

  @TempDir
  static Path folder;

  private static LocalProcess moto;
  private static CloudWatchLogsAsyncClient logs;
  private VigilEngine engine;

  @BeforeAll
  static void startMoto() {
    System.setProperty("aws.accessKeyId", "AKIDTEST");
    System.setProperty("aws.secretAccessKey", "secret-for-tests");
    moto = LocalProcess.moto(folder.resolve("moto.log"));
    logs = CloudWatchLogsAsyncClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://127.0.0.1:" + moto.port()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret-for-tests")))
        .build();
  }

  @AfterAll
  static void stopMoto() {
    if (logs != null) {
      logs.close();
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

  private VigilEngine startEngine() {
    return TestEngines.start(folder.resolve("data"),
        "aws.region=us-east-1",
        "aws.endpointOverride=http://127.0.0.1:" + moto.port(),
        "ingest.cloudwatchLogs.enabled=true",
        "ingest.cloudwatchLogs.pollIntervalSeconds=1",
        "ingest.cloudwatchLogs.logGroups=/ecs/*,/missing/group");
  }

  private static void put(String group, String stream, long timestamp, String message) {
    logs.putLogEvents(request -> request.logGroupName(group).logStreamName(stream)
        .logEvents(InputLogEvent.builder().timestamp(timestamp).message(message).build())).join();
  }

  @Test
  void followsGroupsOnceAcrossRestartsAndReportsUnknownOnes(Vertx vertx) {
    long now = System.currentTimeMillis();
    for (String group : List.of("/ecs/api", "/ecs/worker")) {
      logs.createLogGroup(request -> request.logGroupName(group)).join();
      logs.createLogStream(request -> request.logGroupName(group).logStreamName("task-1")).join();
    }
    put("/ecs/api", "task-1", now - 600_000, "GET /orders 200");
    put("/ecs/api", "task-1", now - 300_000, "GET /orders 500");
    put("/ecs/api", "task-1", now - 300_000, "ERROR timeout calling payments");
    put("/ecs/worker", "task-1", now - 120_000, "job 17 done");
    // Older than the 15-minute look-back: not read.
    put("/ecs/worker", "task-1", now - 3_600_000, "ancient");

    engine = startEngine();
    JsonArray api = awaitLogs(vertx, "/ecs/api", events -> events.size() >= 3);
    assertThat(api).hasSize(3);
    JsonObject first = api.getJsonObject(0);
    assertThat(first.getString("logStream")).isEqualTo("task-1");
    assertThat(first.getString("id")).isNotEmpty();
    assertThat(awaitLogs(vertx, "/ecs/worker", events -> events.size() >= 1)).hasSize(1);

    JsonObject status = CloudWatchMetricsSourceTest.sourceStatus(vertx, engine, "cloudwatch-logs",
        json -> json.getString("lastError", "").contains("/missing/group"));
    assertThat(status.getString("state")).isEqualTo("degraded");
    assertThat(status.getJsonObject("details").getJsonObject("logGroups").fieldNames()).contains("/ecs/api", "/ecs/worker");

    // An event at the same millisecond as the last one read is not lost; nothing is repeated.
    put("/ecs/api", "task-1", now - 300_000, "retrying payments");
    put("/ecs/api", "task-1", now - 1_000, "GET /orders 200");
    assertThat(awaitLogs(vertx, "/ecs/api", events -> events.size() >= 5)).hasSize(5);

    // Events that become visible after newer ones: within the late-arrival window (120 s behind
    // the newest event) one is still emitted, once; one older than that window is not.
    put("/ecs/api", "task-1", now - 30_000, "late: GET /orders 503");
    put("/ecs/api", "task-1", now - 200_000, "too late");
    JsonArray withLate = awaitLogs(vertx, "/ecs/api", events -> events.size() >= 6);
    assertThat(withLate).hasSize(6);
    assertThat(withLate.stream().map(event -> ((JsonObject) event).getString("message")))
        .contains("late: GET /orders 503").doesNotContain("too late");

    engine.close();
    engine = null;
    put("/ecs/worker", "task-1", now - 500, "job 18 done");
    engine = startEngine();
    List<JsonObject> all = Eventually.succeeds(vertx, 120, 500, () -> vertx.executeBlocking(() -> {
      List<JsonObject> events = CommittedTopic.readAll(engine.bootstrapServers(), Topics.LOG_EVENTS);
      if (events.size() < 8) {
        throw new AssertionError("not yet: " + events.size());
      }
      return events;
    })).await();
    // A few more polls after restart must not add anything.
    CloudWatchMetricsSourceTest.sourceStatus(vertx, engine, "cloudwatch-logs",
        json -> json.getJsonObject("details").getLong("eventsEmitted", 0L) >= 1 && json.getString("lastSuccess") != null);
    List<JsonObject> settled = vertx.executeBlocking(() -> CommittedTopic.readAll(engine.bootstrapServers(), Topics.LOG_EVENTS)).await();
    assertThat(settled).hasSize(8);
    Map<String, Integer> ids = new HashMap<>();
    all.forEach(event -> ids.merge(event.getString("id"), 1, Integer::sum));
    assertThat(ids).hasSize(8).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
    assertThat(settled).noneMatch(event -> "ancient".equals(event.getString("message")) || "too late".equals(event.getString("message")));
  }

  /**
   * With {@code aws.roleArns} the source assumes the role through STS and reads that account: moto
   * keeps every account's resources apart, so a group created in the role's account is invisible to
   * the default credentials and reaches Vigil only if the role was really assumed.
   */
  @Test
  void readsTheAccountOfAnAssumedRole(Vertx vertx) {
    String roleArn = "arn:aws:iam::111122223333:role/vigil-reader";
    AwsSessionCredentials assumed;
    try (StsClient sts = StsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:" + moto.port()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret-for-tests"))).build()) {
      Credentials credentials = sts.assumeRole(request -> request.roleArn(roleArn).roleSessionName("test")).credentials();
      assumed = AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
    }
    try (CloudWatchLogsAsyncClient inRoleAccount = CloudWatchLogsAsyncClient.builder().region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://127.0.0.1:" + moto.port()))
        .credentialsProvider(StaticCredentialsProvider.create(assumed)).build()) {
      inRoleAccount.createLogGroup(request -> request.logGroupName("/ecs/billing")).join();
      inRoleAccount.createLogStream(request -> request.logGroupName("/ecs/billing").logStreamName("task-9")).join();
      inRoleAccount.putLogEvents(request -> request.logGroupName("/ecs/billing").logStreamName("task-9")
          .logEvents(InputLogEvent.builder().timestamp(System.currentTimeMillis() - 60_000).message("invoice run failed").build())).join();
    }
    assertThat(logs.describeLogGroups(request -> request.logGroupNamePrefix("/ecs/billing")).join().logGroups())
        .as("the default account does not see the role account's group").isEmpty();

    engine = TestEngines.start(folder.resolve("data-role"),
        "aws.region=us-east-1",
        "aws.endpointOverride=http://127.0.0.1:" + moto.port(),
        "aws.roleArns=" + roleArn,
        "ingest.cloudwatchLogs.enabled=true",
        "ingest.cloudwatchLogs.pollIntervalSeconds=1",
        "ingest.cloudwatchLogs.logGroups=/ecs/billing");
    JsonArray events = awaitLogs(vertx, "/ecs/billing", found -> found.size() >= 1);
    assertThat(events.getJsonObject(0).getString("message")).isEqualTo("invoice run failed");
    // One source per account, named after it.
    JsonObject status = CloudWatchMetricsSourceTest.sourceStatus(vertx, engine, "cloudwatch-logs-111122223333",
        json -> json.getJsonObject("details").getLong("eventsEmitted", 0L) >= 1);
    assertThat(status.getJsonObject("details").getString("account")).isEqualTo("111122223333");
  }

  private JsonArray awaitLogs(Vertx vertx, String group, Predicate<JsonArray> done) {
    WebClient client = WebClient.create(vertx);
    try {
      return Eventually.succeeds(vertx, 120, 250, () -> client.get(engine.httpPort(), "127.0.0.1", "/api/v1/logs")
          .addQueryParam("logGroup", group).addQueryParam("limit", "100").send()
          .map(response -> {
            JsonArray events = response.bodyAsJsonObject().getJsonArray("events");
            if (!done.test(events)) {
              throw new AssertionError("not yet: " + events.encode());
            }
            return events;
          })).await();
    } finally {
      client.close();
    }
  }
}
