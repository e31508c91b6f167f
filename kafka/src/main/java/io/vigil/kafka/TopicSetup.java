package io.vigil.kafka;

import io.vigil.config.KafkaConfig;
import io.vigil.model.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the pipeline's topics when they are missing and checks the ones that exist: data topics
 * with the configured retention, state topics compacted, and every series-keyed topic with the same
 * partition count, which per-partition checkpoints and alert commands rely on. Blocking; run it off the event loop.
 */
public final class TopicSetup {

  private static final long TIMEOUT_SECONDS = 60;

  private TopicSetup() {}

  public static void ensureTopics(String bootstrap, KafkaConfig config) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "request.timeout.ms", "15000"))) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      String retentionMillis = String.valueOf(config.retentionHours() * 3_600_000L);
      for (String topic : Topics.DATA_TOPICS) {
        if (!existing.contains(topic)) {
          missing.add(new NewTopic(topic, config.partitions(), config.replicationFactor())
              .configs(withReplicas(config, Map.of(TopicConfig.RETENTION_MS_CONFIG, retentionMillis))));
        }
      }
      for (String topic : Topics.COMPACTED_TOPICS) {
        if (!existing.contains(topic)) {
          missing.add(new NewTopic(topic, config.partitions(), config.replicationFactor())
              .configs(withReplicas(config, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
        }
      }
      for (String topic : Topics.EXPIRING_COMPACTED_TOPICS) {
        if (!existing.contains(topic)) {
          missing.add(new NewTopic(topic, config.partitions(), config.replicationFactor()).configs(withReplicas(config, Map.of(
              TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
              TopicConfig.RETENTION_MS_CONFIG, retentionMillis))));
        }
      }
      if (!existing.contains(Topics.LEASES)) {
        missing.add(new NewTopic(Topics.LEASES, 1, config.replicationFactor())
            .configs(withReplicas(config, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
      }
      if (!missing.isEmpty()) {
        create(admin, missing);
        awaitServed(admin, missing.stream().map(NewTopic::name).toList());
      }
      Map<String, TopicDescription> descriptions = admin.describeTopics(List.of(Topics.POINTS, Topics.DETECTOR_CHECKPOINTS, Topics.SCORES, Topics.ANOMALIES, Topics.ALERT_COMMANDS))
          .allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      requireSamePartitions(descriptions, Topics.POINTS, Topics.DETECTOR_CHECKPOINTS, "partition p of one holds the state of partition p of the other");
      requireSamePartitions(descriptions, Topics.POINTS, Topics.SCORES, "the scores of partition p of one are written to partition p of the other, a batch at a time");
      requireSamePartitions(descriptions, Topics.ANOMALIES, Topics.ALERT_COMMANDS, "the owner of partition p of one applies the commands of partition p of the other");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating Kafka topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create or check Kafka topics at " + bootstrap + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates the topics; one that exists by now is taken as it is, for processes that start together
   * (two tasks of one service) list the topics before either creates them, and the second to
   * create one is told it exists. It is then checked like any topic that was there before.
   */
  static void create(Admin admin, List<NewTopic> topics) throws InterruptedException, ExecutionException, TimeoutException {
    for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(topics).values().entrySet()) {
      try {
        created.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }

  /** {@code configs} plus the configured {@code min.insync.replicas}, unless that is left to the broker. */
  private static Map<String, String> withReplicas(KafkaConfig config, Map<String, String> configs) {
    if (config.minInsyncReplicas() == 0) {
      return configs;
    }
    Map<String, String> all = new HashMap<>(configs);
    all.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(config.minInsyncReplicas()));
    return all;
  }

  private static void requireSamePartitions(Map<String, TopicDescription> descriptions, String data, String paired, String why) {
    int dataPartitions = descriptions.get(data).partitions().size();
    int pairedPartitions = descriptions.get(paired).partitions().size();
    if (dataPartitions != pairedPartitions) {
      throw new IllegalStateException(data + " has " + dataPartitions + " partitions but " + paired
          + " has " + pairedPartitions + "; they must match, since " + why);
    }
  }

  /**
   * Waits until the broker serves every partition of new topics (an offset lookup succeeds), so the
   * first writes do not bounce off partitions the broker has not loaded yet (they would be retried,
   * noisily). Metadata alone is not enough: it can name a leader before the leader serves.
   */
  private static void awaitServed(Admin admin, List<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      try {
        // Describing can fail too, right after creation, while the new topics' metadata spreads.
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((topic, description) ->
            description.partitions().forEach(partition -> latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
        admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
  }
}
