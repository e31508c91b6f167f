package io.vigil.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vigil.config.KafkaConfig;
import io.vigil.engine.VigilProcess;
import io.vigil.kafka.KafkaCluster;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.testing.Eventually;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Vigil processes (the launcher jar, each a JVM of its own) in one consumer group on a real
 * three-broker cluster, both taking pushes; one is killed with SIGKILL under load. Its senders turn
 * to the survivor and send again what was left unanswered, its detection partitions move to the
 * survivor, which replays them from the committed offsets; in the end the survivor lists every
 * accepted point once, and exactly the anomalies in {@code vigil.anomalies}, each once.
 */
@Tag("slow")
class VigilFailoverIT {

  private static final int PARTITIONS = 4;
  private static final int SERIES = 12;
  private static final int SENDERS = 2;

  @TempDir
  Path dir;

  private KafkaCluster cluster;
  private VigilProcess first;
  private VigilProcess second;
  private Vertx vertx;

  @BeforeEach
  void startCluster() {
    cluster = KafkaCluster.start(dir.resolve("kafka"));
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopEverything() {
    try {
      if (first != null) {
        first.close();
      }
      if (second != null) {
        second.close();
      }
      vertx.close().await();
    } finally {
      cluster.close();
    }
  }

  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void killingOneOfTwoProcessesUnderLoadLosesNothingAndRepeatsNothing() throws Exception {
    List<String> settings = List.of("kafka.bootstrapServers=" + cluster.bootstrapServers(), "kafka.replicationFactor=3",
        "kafka.minInsyncReplicas=2", "kafka.partitions=" + PARTITIONS);
    first = new VigilProcess(dir.resolve("first"), settings);
    second = new VigilProcess(dir.resolve("second"), settings);
    WebClient toFirst = first.client(vertx);
    WebClient toSecond = second.client(vertx);
    Process doomed = first.launch("first");
    second.launch("second");
    // Both start at once, as two tasks of one service do: both list the topics, both create them.
    // On three broker JVMs sharing two cores, creating them with three replicas takes a while.
    awaitReady(first, "first", toFirst);
    awaitReady(second, "second", toSecond);
    awaitDetectionMembers(2);

    PointLoad load = new PointLoad(vertx, "failover", List.of(toFirst, toSecond), SERIES, SENDERS, 10, 400, PointLoad.weekAgo());
    load.start();
    load.awaitAccepted(3_000);
    doomed.destroyForcibly();
    assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).as("the first process died").isTrue();
    long killedAtNanos = System.nanoTime();
    System.out.printf("first process killed: %s%n", load.summary());

    load.awaitAccepted(load.acceptedPoints() + 3_000);
    awaitDetectionMembers(1);
    long takenOverSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAtNanos);
    load.awaitAccepted(load.acceptedPoints() + 1_000);
    load.stop().await();
    System.out.printf("survivor owns every detection partition %d s after the kill; %s%n", takenOverSeconds, load.summary());

    assertThat(load.unknownBatches()).as("batches left unanswered by the kill").isPositive();
    assertThat(load.refusedWithoutRetryAfter()).as("503s without Retry-After").isZero();
    assertThat(load.otherAnswers()).as("answers other than 202 and 503: %s", load.lastOther()).isZero();
    KafkaEndpoint kafka = KafkaEndpoint.of(new KafkaConfig(cluster.bootstrapServers(), PARTITIONS, (short) 3, 24, 10_000, "vigil", 2, true, "lz4"),
        cluster.bootstrapServers());
    LoadLedger ledger = new LoadLedger(load);
    LoadLedger.Counts counts = Eventually.succeeds(vertx, 240, 500, () -> ledger.check(vertx, toSecond, kafka.reader())).await();
    System.out.printf("failover: %s%n", counts);
    assertThat(counts.listed() - counts.accepted()).as("points listed though never accepted (only a last batch may be)")
        .isLessThanOrEqualTo(10L * SERIES);
    assertThat(counts.anomaliesListed()).as("anomalies found").isPositive();
  }

  private void awaitReady(VigilProcess process, String name, WebClient http) {
    try {
      VigilProcess.waitReady(vertx, http, 800).await();
    } catch (Throwable notReady) {
      throw new AssertionError("the " + name + " process is not ready; its log ends:\n" + process.logTail(name, 40), notReady);
    }
  }

  /** Waits until the detection group has {@code members} members that between them own every partition. */
  private void awaitDetectionMembers(int members) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      Eventually.until(vertx, 120, () -> "a detection group of " + members + " owning all " + PARTITIONS + " partitions", () -> {
        try {
          ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("vigil-detection")).all().get(10, TimeUnit.SECONDS)
              .get("vigil-detection");
          Set<TopicPartition> owned = group.members().stream().map(MemberDescription::assignment)
              .flatMap(assignment -> assignment.topicPartitions().stream()).collect(Collectors.toSet());
          return group.members().size() == members && owned.size() == PARTITIONS
              && group.members().stream().allMatch(member -> !member.assignment().topicPartitions().isEmpty());
        } catch (Exception notYet) {
          return false;
        }
      });
    }
  }

}
