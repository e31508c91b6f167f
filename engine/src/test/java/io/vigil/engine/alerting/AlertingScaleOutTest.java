package io.vigil.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vigil.engine.TestEngines;
import io.vigil.engine.VigilEngine;
import io.vigil.model.Anomaly;
import io.vigil.model.Severity;
import io.vigil.model.Topics;
import io.vigil.testing.Eventually;
import io.vigil.testing.ReceiverStub;
import io.vigil.testing.TestAnomalies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerting with two processes on one Kafka cluster (the second joins through
 * {@code kafka.bootstrapServers}): each owns the alerts of its anomaly partitions, yet both list
 * every alert, and an ack sent to one process takes effect on alerts the other owns.
 */
@Tag("slow")
class AlertingScaleOutTest {

  private static final int PARTITIONS = 4;
  private static final List<String> SERVICES = IntStream.range(0, 8).mapToObj(i -> "owned-" + i).toList();

  @TempDir
  Path firstDir;

  @TempDir
  Path secondDir;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void bothProcessesListEveryAlertAndAnAckReachesTheOwnerFromEitherProcess() throws Exception {
    String[] settings = AlertingEngineTest.testSettings(AlertingEngineTest.TOKEN, "120");
    try (VigilEngine first = TestEngines.start(firstDir, with(settings, "alerting.recoverySeconds=600", "kafka.partitions=" + PARTITIONS));
         VigilEngine second = TestEngines.start(secondDir, with(settings, "alerting.recoverySeconds=600", "kafka.partitions=" + PARTITIONS,
             "kafka.bootstrapServers=" + first.bootstrapServers()))) {
      Vertx vertx = second.vertx();
      List<Set<Integer>> owned = awaitAlertingMembers(first.bootstrapServers());

      for (String service : SERVICES) {
        AlertingEngineTest.produceAnomaly(vertx, first, service, "CPUUtilization").await();
      }
      // Both members own alerts, so whichever member the second process is, some of the acks sent
      // to it below are for alerts the first process owns.
      assertEveryMemberOwnsSomeAlerts(owned);

      WebClient toFirst = AlertingEngineTest.http(vertx, first);
      WebClient toSecond = AlertingEngineTest.http(vertx, second);
      List<JsonObject> alerts = null;
      for (WebClient api : List.of(toFirst, toSecond)) {
        alerts = Eventually.succeeds(vertx, 300, 100, () -> ours(api)).await();
      }

      for (JsonObject alert : alerts) {
        var acked = AlertingEngineTest.authorized(toSecond.post("/api/v1/alerts/" + alert.getString("id") + "/ack")).send().await();
        assertThat(acked.statusCode()).as(acked.bodyAsString()).isEqualTo(200);
        assertThat(acked.bodyAsJsonObject().getBoolean("acknowledged")).isTrue();
      }
      for (WebClient api : List.of(toFirst, toSecond)) {
        Eventually.succeeds(vertx, 100, 100, () -> ours(api).map(listed -> {
          assertThat(listed).allSatisfy(alert -> assertThat(alert.getBoolean("acknowledged")).as(alert.getString("id")).isTrue());
          return listed;
        })).await();
      }
      String unknown = AlertingEngineTest.authorized(toSecond.post("/api/v1/alerts/al-0000000000000000-0/ack")).send().await().bodyAsString();
      assertThat(toSecond.get("/api/v1/alerts/al-0000000000000000-0").send().await().statusCode()).isEqualTo(404);
      assertThat(unknown).contains("no alert with id");
    }
  }

  /**
   * A process restarted beside another one holds only the alerts of its own partitions: each alert
   * (one group per service, alerts of both processes) is notified firing once and resolved once,
   * although the restarted process read every alert and every group state at start. Recovery is
   * long enough that the alerts resolve only after the restart.
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aRestartedProcessResolvesAndNotifiesOnlyTheAlertsItOwns() throws Exception {
    Vertx vertx = Vertx.vertx();
    ReceiverStub receiver = new ReceiverStub().start(vertx).await();
    String[] settings = with(AlertingEngineTest.testSettings(AlertingEngineTest.TOKEN, "120"),
        "alerting.recoverySeconds=25", "kafka.partitions=" + PARTITIONS);
    JsonObject everything = everythingTo(receiver);
    try (VigilEngine first = TestEngines.start(firstDir, settings)) {
      // Made before the second process starts, so that process reads it in its start-up snapshot.
      AlertingEngineTest.subscribe(AlertingEngineTest.http(vertx, first), everything).await();
      String[] secondSettings = with(settings, "kafka.bootstrapServers=" + first.bootstrapServers());
      VigilEngine second = TestEngines.start(secondDir, secondSettings);
      try {
        List<Set<Integer>> owned = awaitAlertingMembers(first.bootstrapServers());
        for (String service : SERVICES) {
          AlertingEngineTest.produceAnomaly(vertx, first, service, "CPUUtilization").await();
        }
        assertEveryMemberOwnsSomeAlerts(owned);
        Eventually.succeeds(vertx, 300, 100, () -> {
          assertThat(notified(receiver, "firing").keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
          return Future.succeededFuture();
        }).await();
      } finally {
        second.close();
      }
      VigilEngine restarted = TestEngines.start(secondDir, secondSettings);
      try {
        awaitAlertingMembers(first.bootstrapServers());
        Eventually.succeeds(vertx, 600, 100, () -> {
          assertThat(notified(receiver, "resolved").keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
          return Future.succeededFuture();
        }).await();
        vertx.timer(2000).await();
        // Distinct delivery ids: a delivery retried with its own id is one notification.
        assertThat(notified(receiver, "firing")).allSatisfy((service, ids) -> assertThat(ids).as(service).hasSize(1));
        assertThat(notified(receiver, "resolved")).allSatisfy((service, ids) -> assertThat(ids).as(service).hasSize(1));
      } finally {
        restarted.close();
      }
    } finally {
      vertx.close().await();
    }
  }

  /**
   * A subscription and a silence made through the first process, after both processes started,
   * apply on the second one too: alerts the second process owns are notified through the new
   * subscription, the second process lists the silenced alerts as silenced and sends nothing for
   * them, and a subscription deleted through the first is gone from the second.
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void subscriptionsAndSilencesMadeThroughOneProcessApplyOnTheOther() throws Exception {
    Vertx vertx = Vertx.vertx();
    ReceiverStub receiver = new ReceiverStub().start(vertx).await();
    String[] settings = with(AlertingEngineTest.testSettings(AlertingEngineTest.TOKEN, "120"),
        "alerting.recoverySeconds=600", "kafka.partitions=" + PARTITIONS);
    JsonObject everything = everythingTo(receiver);
    JsonObject silence = new JsonObject().put("matchers", new JsonArray().add("metric=MemoryUtilization"))
        .put("endsAt", Instant.now().plusSeconds(3600).toString()).put("comment", "resize").put("author", "ops");
    try (VigilEngine first = TestEngines.start(firstDir, settings);
         VigilEngine second = TestEngines.start(secondDir, with(settings, "kafka.bootstrapServers=" + first.bootstrapServers()))) {
      List<Set<Integer>> owned = awaitAlertingMembers(first.bootstrapServers());
      WebClient toFirst = AlertingEngineTest.http(vertx, first);
      WebClient toSecond = AlertingEngineTest.http(vertx, second);
      AlertingEngineTest.subscribe(toFirst, everything).await();
      String silenceId = AlertingEngineTest.authorized(toFirst.post("/api/v1/silences")).sendJsonObject(silence).await()
          .bodyAsJsonObject().getString("id");
      Eventually.succeeds(vertx, 100, 100, () -> toSecond.get("/api/v1/silences/" + silenceId).send().map(response -> {
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
      })).await();

      for (String service : SERVICES) {
        AlertingEngineTest.produceAnomaly(vertx, first, service, "CPUUtilization").await();
        AlertingEngineTest.produceAnomaly(vertx, first, service, "MemoryUtilization").await();
      }
      assertEveryMemberOwnsSomeAlerts(owned);
      // Every service's CPU alert is notified, those the second process owns included.
      Eventually.succeeds(vertx, 300, 100, () -> {
        assertThat(notified(receiver, "firing").keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
        return Future.succeededFuture();
      }).await();
      for (WebClient api : List.of(toFirst, toSecond)) {
        Eventually.succeeds(vertx, 100, 100, () -> api.get("/api/v1/alerts?state=silenced").send().map(response -> {
          assertThat(response.bodyAsJsonObject().getJsonArray("alerts").stream().map(JsonObject.class::cast)
              .filter(alert -> "MemoryUtilization".equals(alert.getJsonObject("labels").getString("metric")))
              .map(alert -> alert.getJsonObject("labels").getString("service")).toList())
              .containsExactlyInAnyOrderElementsOf(SERVICES);
          return response;
        })).await();
      }
      vertx.timer(2000).await();
      assertThat(receiver.at("/all")).as("nothing for the silenced memory alerts").noneSatisfy(received ->
          assertThat(received.json().encode()).contains("MemoryUtilization"));

      var deleted = AlertingEngineTest.authorized(toFirst.delete("/api/v1/subscriptions/everything")).send().await();
      assertThat(deleted.statusCode()).isEqualTo(204);
      Eventually.succeeds(vertx, 100, 100, () -> toSecond.get("/api/v1/subscriptions/everything").send().map(response -> {
        assertThat(response.statusCode()).isEqualTo(404);
        return response;
      })).await();
    } finally {
      vertx.close().await();
    }
  }

  /**
   * One notification group whose alerts are evaluated on both processes (every CPU alert, grouped by
   * metric) is notified by one process with all of them, not by each process with its own share.
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aGroupWhoseAlertsSitOnBothProcessesIsNotifiedOnceWithAllOfThem() throws Exception {
    Vertx vertx = Vertx.vertx();
    ReceiverStub receiver = new ReceiverStub().start(vertx).await();
    String[] settings = with(AlertingEngineTest.testSettings(AlertingEngineTest.TOKEN, "120"),
        "alerting.recoverySeconds=600", "kafka.partitions=" + PARTITIONS);
    JsonObject byMetric = everythingTo(receiver).put("name", "by-metric").put("groupBy", new JsonArray().add("metric"))
        .put("groupWait", "3s").put("groupInterval", "1h");
    try (VigilEngine first = TestEngines.start(firstDir, settings);
         VigilEngine second = TestEngines.start(secondDir, with(settings, "kafka.bootstrapServers=" + first.bootstrapServers()))) {
      List<Set<Integer>> owned = awaitAlertingMembers(first.bootstrapServers());
      WebClient toSecond = AlertingEngineTest.http(vertx, second);
      AlertingEngineTest.subscribe(AlertingEngineTest.http(vertx, first), byMetric).await();
      Eventually.succeeds(vertx, 100, 100, () -> toSecond.get("/api/v1/subscriptions/by-metric").send().map(response -> {
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
      })).await();

      for (String service : SERVICES) {
        AlertingEngineTest.produceAnomaly(vertx, first, service, "CPUUtilization").await();
      }
      assertEveryMemberOwnsSomeAlerts(owned);
      Eventually.succeeds(vertx, 300, 100, () -> {
        assertThat(receiver.at("/all")).isNotEmpty();
        return Future.succeededFuture();
      }).await();
      vertx.timer(3000).await();
      // Group interval is an hour: any delivery beyond the first would be a second sender (a
      // retried delivery keeps its id).
      Map<String, ReceiverStub.Received> deliveries = new HashMap<>();
      receiver.at("/all").forEach(received -> deliveries.putIfAbsent(received.deliveryId(), received));
      assertThat(deliveries.values()).singleElement().satisfies(received -> {
        JsonObject body = received.json();
        assertThat(body.getString("groupKey")).isEqualTo("by-metric:{metric=\"CPUUtilization\"}");
        assertThat(body.getJsonArray("alerts").stream().map(JsonObject.class::cast)
            .map(alert -> alert.getJsonObject("labels").getString("service")).toList())
            .containsExactlyInAnyOrderElementsOf(SERVICES);
      });
    } finally {
      vertx.close().await();
    }
  }

  /** A subscription to every warning or worse, one group per service, sent to {@code /all} of the receiver. */
  private static JsonObject everythingTo(ReceiverStub receiver) {
    return new JsonObject().put("name", "everything").put("match", new JsonObject().put("minSeverity", "warning"))
        .put("receiver", new JsonObject().put("type", "webhook").put("url", receiver.url("/all")).put("secret", "hush"))
        .put("groupBy", new JsonArray().add("service")).put("groupWait", "0s").put("groupInterval", "1s").put("repeatInterval", "1h");
  }

  /** Checks that the CPU alerts of {@link #SERVICES} fall on partitions of every member, so each owns some. */
  private static void assertEveryMemberOwnsSomeAlerts(List<Set<Integer>> owned) {
    Set<Integer> partitions = new HashSet<>();
    for (String service : SERVICES) {
      Anomaly anomaly = TestAnomalies.of(service, "CPUUtilization", System.currentTimeMillis(), 0.99, Severity.CRITICAL);
      partitions.add(Utils.toPositive(Utils.murmur2(anomaly.seriesId().getBytes(StandardCharsets.UTF_8))) % PARTITIONS);
    }
    for (Set<Integer> ofMember : owned) {
      assertThat(partitions).as("alerts on the partitions %s of one member", ofMember).containsAnyElementsOf(ofMember);
    }
  }

  /** The distinct delivery ids received per service for notifications with this status. */
  private static Map<String, Set<String>> notified(ReceiverStub receiver, String status) {
    Map<String, Set<String>> byService = new HashMap<>();
    for (ReceiverStub.Received received : receiver.at("/all")) {
      JsonObject body = received.json();
      String service = body.getJsonObject("groupLabels").getString("service");
      if (status.equals(body.getString("status")) && SERVICES.contains(service)) {
        byService.computeIfAbsent(service, key -> new HashSet<>()).add(received.deliveryId());
      }
    }
    return byService;
  }

  private static String[] with(String[] settings, String... more) {
    List<String> all = new ArrayList<>(List.of(settings));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** Every alert of this test's services, once the API lists one per service. */
  private static Future<List<JsonObject>> ours(WebClient api) {
    return api.get("/api/v1/alerts").send().map(response -> {
      List<JsonObject> alerts = response.bodyAsJsonObject().getJsonArray("alerts").stream().map(JsonObject.class::cast)
          .filter(alert -> SERVICES.contains(alert.getJsonObject("labels").getString("service"))).toList();
      assertThat(alerts).extracting(alert -> alert.getJsonObject("labels").getString("service")).containsExactlyInAnyOrderElementsOf(SERVICES);
      return alerts;
    });
  }

  /**
   * Waits until both processes are in the alerting group, and checks that each member got the same
   * partition numbers of the anomalies and of the alert commands; returns each member's partitions.
   */
  private static List<Set<Integer>> awaitAlertingMembers(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("vigil-alerting")).all().get().get("vigil-alerting");
        Collection<MemberDescription> members = group.members();
        if (members.size() == 2 && members.stream().allMatch(member -> !partitionsOf(member, Topics.ANOMALIES).isEmpty())) {
          List<Set<Integer>> owned = new ArrayList<>();
          for (MemberDescription member : members) {
            assertThat(partitionsOf(member, Topics.ALERT_COMMANDS)).as("co-partitioned: %s", member).isEqualTo(partitionsOf(member, Topics.ANOMALIES));
            owned.add(partitionsOf(member, Topics.ANOMALIES));
          }
          return owned;
        }
        assertThat(System.nanoTime()).as("alerting group never had 2 members with partitions: %s", group).isLessThan(deadline);
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
  }

  private static Set<Integer> partitionsOf(MemberDescription member, String topic) {
    return member.assignment().topicPartitions().stream().filter(partition -> partition.topic().equals(topic))
        .map(TopicPartition::partition).collect(Collectors.toCollection(HashSet::new));
  }
}
