package io.vigil.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.config.KafkaConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stage scaffold on a real broker, with a stage that counts records per key: a stage started
 * again after a checkpoint restores its counts and goes on from the committed offset, so every
 * record is counted exactly once across the restart.
 */
class PartitionedStageTest {

  private static final String INPUT = "test.input";
  private static final String STATE = "test.counts";
  private static final String OUTPUT = "test.totals";
  private static final int PARTITIONS = 2;

  @TempDir
  static Path logDir;

  private static EmbeddedKafka broker;
  private static KafkaEndpoint endpoint;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedKafka.start(logDir);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.createTopics(List.of(
          new NewTopic(INPUT, PARTITIONS, (short) 1),
          new NewTopic(OUTPUT, PARTITIONS, (short) 1),
          new NewTopic(STATE, PARTITIONS, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
          .all().get(60, TimeUnit.SECONDS);
    }
    endpoint = KafkaEndpoint.of(new KafkaConfig(broker.bootstrapServers(), PARTITIONS, (short) 1, 24, 10_000, "scaffold-test", 0, true, "lz4"), broker.bootstrapServers());
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  /** Counts of one partition, and the keys changed since the last checkpoint. */
  static final class Counts {
    final Map<String, Integer> byKey = new HashMap<>();
    final Set<String> changed = new HashSet<>();
  }

  /** Counts records per key and writes each new count to the output topic. */
  static final class CountingStage implements PartitionedStage.Logic<Counts> {
    private final String output;
    private final String state;

    CountingStage() {
      this(OUTPUT, STATE);
    }

    CountingStage(String output, String state) {
      this.output = output;
      this.state = state;
    }

    @Override
    public Counts restore(int partition, TopicReader reader) {
      Counts counts = new Counts();
      reader.latestByKey(state, partition).forEach((key, value) -> counts.byKey.put(key, value.getInteger("count")));
      return counts;
    }

    @Override
    public Counts fresh(int partition) {
      return new Counts();
    }

    @Override
    public void process(Counts counts, KafkaConsumerRecord<String, JsonObject> record, PartitionedStage.Output out) {
      int count = counts.byKey.merge(record.key(), 1, Integer::sum);
      counts.changed.add(record.key());
      out.send(output, record.key(), new JsonObject().put("count", count));
    }

    @Override
    public List<PartitionedStage.Checkpoint> checkpoint(int partition, Counts counts) {
      List<PartitionedStage.Checkpoint> checkpoints = new ArrayList<>();
      counts.changed.forEach(key -> checkpoints.add(new PartitionedStage.Checkpoint(key, new JsonObject().put("count", counts.byKey.get(key)))));
      counts.changed.clear();
      return checkpoints;
    }

    @Override
    public void unsaved(Counts counts, List<PartitionedStage.Checkpoint> checkpoints) {
      checkpoints.forEach(checkpoint -> counts.changed.add(checkpoint.key()));
    }
  }

  private static void produce(int from, int to) {
    produce(INPUT, from, to);
  }

  private static void produce(String topic, int from, int to) {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()),
        new StringSerializer(), new StringSerializer())) {
      for (int i = from; i < to; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + (i % 7), new JsonObject().put("i", i).encode()));
      }
      producer.flush();
    }
  }

  /** Every output record so far, waiting (bounded) until there are {@code expected}. */
  private static List<JsonObject> outputs(int expected) {
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      List<JsonObject> values = new ArrayList<>();
      endpoint.reader().read(OUTPUT, (key, value) -> values.add(value.copy().put("key", key)));
      // Each read polls the broker, so the loop waits without sleeping.
      if (values.size() >= expected || System.currentTimeMillis() > deadline) {
        return values;
      }
    }
  }

  private static Map<String, Integer> highest(List<JsonObject> outputs) {
    Map<String, Integer> counts = new HashMap<>();
    outputs.forEach(output -> counts.merge(output.getString("key"), output.getInteger("count"), Math::max));
    return counts;
  }

  @Test
  void aRestartedStageRestoresItsStateAndCountsEveryRecordOnce() throws Exception {
    produce(0, 70);
    Vertx first = Vertx.vertx();
    PartitionedStage<Counts> stage = new PartitionedStage<>(first, endpoint, new PartitionedStage.Topology("counter", INPUT, STATE), new CountingStage());
    first.runOnContext(ignored -> stage.start(60_000));
    assertThat(outputs(70)).hasSize(70);
    // Stopping checkpoints every partition before it leaves the group.
    stopOnItsContext(first, stage);
    first.close().await();

    produce(70, 105);
    Vertx second = Vertx.vertx();
    PartitionedStage<Counts> again = new PartitionedStage<>(second, endpoint, new PartitionedStage.Topology("counter", INPUT, STATE), new CountingStage());
    second.runOnContext(ignored -> again.start(60_000));
    List<JsonObject> all = outputs(105);
    second.close().await();

    assertThat(all).as("no record counted twice").hasSize(105);
    Map<String, Integer> expected = new HashMap<>();
    for (int i = 0; i < 105; i++) {
      expected.merge("k" + (i % 7), 1, Integer::sum);
    }
    assertThat(highest(all)).as("counts went on from the restored state").isEqualTo(expected);
  }

  /**
   * Counts like {@link CountingStage}, but the first output it writes is too large for Kafka, so
   * Kafka refuses it, as it refuses outputs when too few replicas are in sync; written again it is
   * the ordinary output.
   */
  static final class RefusedOnceStage implements PartitionedStage.Logic<Counts> {
    private final String output;
    private boolean refused;

    RefusedOnceStage(String output) {
      this.output = output;
    }

    @Override
    public Counts restore(int partition, TopicReader reader) {
      return new Counts();
    }

    @Override
    public Counts fresh(int partition) {
      return new Counts();
    }

    @Override
    public void process(Counts counts, KafkaConsumerRecord<String, JsonObject> record, PartitionedStage.Output out) {
      int count = counts.byKey.merge(record.key(), 1, Integer::sum);
      JsonObject value = new JsonObject().put("count", count);
      if (!refused) {
        refused = true;
        value.put("padding", "x".repeat(2 * 1024 * 1024));
      }
      out.send(output, record.key(), value);
    }

    @Override
    public List<PartitionedStage.Checkpoint> checkpoint(int partition, Counts counts) {
      return List.of();
    }

    @Override
    public void unsaved(Counts counts, List<PartitionedStage.Checkpoint> checkpoints) {
    }
  }

  @Test
  void anOutputKafkaRefusedIsWrittenAgainFromTheCommittedOffsetNotSkippedByTheNextCommit() throws Exception {
    String input = "test.refused-input";
    String output = "test.refused-output";
    String state = "test.refused-state";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(input, PARTITIONS, (short) 1), new NewTopic(output, PARTITIONS, (short) 1),
          new NewTopic(state, PARTITIONS, (short) 1))).all().get(60, TimeUnit.SECONDS);
    }
    produce(input, 0, 70);
    Vertx vertx = Vertx.vertx();
    PartitionedStage<Counts> stage = new PartitionedStage<>(vertx, endpoint, new PartitionedStage.Topology("refused", input, state),
        new RefusedOnceStage(output));
    vertx.runOnContext(ignored -> stage.start(200));
    Set<String> written = countsWritten(output, 70);
    stopOnItsContext(vertx, stage);
    vertx.close().await();
    assertThat(written).as("every count written, the refused one too").isEqualTo(expectedCounts(70));
  }

  /** Every distinct {@code key=count} written to {@code topic}, waiting (bounded) until there are {@code expected}. */
  private static Set<String> countsWritten(String topic, int expected) {
    Set<String> written = new HashSet<>();
    long deadline = System.currentTimeMillis() + 60_000;
    while (written.size() < expected && System.currentTimeMillis() < deadline) {
      // Each read polls the broker, so the loop waits without sleeping.
      endpoint.reader().read(topic, (key, value) -> written.add(key + "=" + value.getInteger("count")));
    }
    return written;
  }

  /** The {@code key=count} values counting records 0 to {@code records} writes. */
  private static Set<String> expectedCounts(int records) {
    Set<String> expected = new HashSet<>();
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < records; i++) {
      expected.add("k" + (i % 7) + "=" + counts.merge("k" + (i % 7), 1, Integer::sum));
    }
    return expected;
  }

  /** Stops the stage on its own context and waits for the checkpoint and the closes. */
  private static void stopOnItsContext(Vertx vertx, PartitionedStage<Counts> stage) {
    Promise<Void> stopped = Promise.promise();
    vertx.runOnContext(ignored -> stage.stop().onComplete(stopped));
    stopped.future().await();
  }
}
