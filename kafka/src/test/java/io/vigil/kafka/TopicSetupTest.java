package io.vigil.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.KafkaConfig;
import io.vigil.model.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topic creation on a real broker, by processes that start together. */
class TopicSetupTest {

  @TempDir
  static Path logDir;

  private static EmbeddedKafka broker;
  private static Admin admin;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedKafka.start(logDir);
    admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
  }

  @AfterAll
  static void stopBroker() {
    if (admin != null) {
      admin.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aTopicAnotherProcessCreatedMeanwhileIsTakenAsItIs() throws Exception {
    admin.createTopics(List.of(new NewTopic("setup.first", 2, (short) 1))).all().get(60, TimeUnit.SECONDS);

    // Listed as missing before the other process created it: its creation is told it exists.
    TopicSetup.create(admin, List.of(new NewTopic("setup.first", 2, (short) 1), new NewTopic("setup.second", 2, (short) 1)));

    assertThat(admin.listTopics().names().get(60, TimeUnit.SECONDS)).contains("setup.first", "setup.second");
  }

  @Test
  void anyOtherRefusalStillFails() {
    // Three replicas on a one-broker cluster.
    assertThatThrownBy(() -> TopicSetup.create(admin, List.of(new NewTopic("setup.unplaceable", 1, (short) 3))))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(InvalidReplicationFactorException.class);
  }

  @Test
  void twoProcessesStartingTogetherBothSetUpTheTopics() throws Exception {
    KafkaConfig config = new KafkaConfig(broker.bootstrapServers(), 2, (short) 1, 24, 10_000, "setup-test", 0, true, "lz4");
    CompletableFuture<Void> one = CompletableFuture.runAsync(() -> TopicSetup.ensureTopics(broker.bootstrapServers(), config));
    CompletableFuture<Void> other = CompletableFuture.runAsync(() -> TopicSetup.ensureTopics(broker.bootstrapServers(), config));

    CompletableFuture.allOf(one, other).orTimeout(120, TimeUnit.SECONDS).join();
    assertThat(one).isCompleted().isNotCompletedExceptionally();
    assertThat(other).isCompleted().isNotCompletedExceptionally();
    assertThat(admin.listTopics().names().get(60, TimeUnit.SECONDS)).containsAll(Topics.DATA_TOPICS).containsAll(Topics.COMPACTED_TOPICS);
  }
}
