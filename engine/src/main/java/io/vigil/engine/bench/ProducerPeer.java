package io.vigil.engine.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The yardstick for the pipeline: a plain Kafka producer writing records of a metric point's size
 * as fast as it can to a topic of its own on the engine's broker, with the client's defaults
 * except acks=all and idempotence (what the engine's producers promise). It runs in the same
 * process and on the same broker as the pipeline it is compared with, so both share one machine's
 * state; its settings stay fixed whatever the engine's are, so it measures the broker, not Vigil.
 */
public final class ProducerPeer {

  /** The prefix of the topics the peer writes to; each run creates its own and deletes it after. */
  static final String TOPIC_PREFIX = "vigil.bench-producer-peer-";

  /** About the size of one point as JSON on {@code vigil.points}, less its dimensions. */
  static final int RECORD_BYTES = 120;

  /**
   * What the peer writes: at most {@code records}, for at most {@code budget}, keyed over
   * {@code keys} distinct keys into a topic of {@code partitions} partitions.
   */
  public record Load(long records, Duration budget, int keys, int partitions) {
    public Load {
      if (records < 1 || keys < 1 || partitions < 1 || budget.isNegative() || budget.isZero()) {
        throw new IllegalArgumentException("records, keys and partitions must be at least 1 and the budget positive");
      }
    }
  }

  /** Records acknowledged by the broker, and the time from the first send to the last acknowledgement. */
  public record Result(long records, long nanos) {
    public double recordsPerSecond() {
      return records * 1e9 / nanos;
    }
  }

  private ProducerPeer() {}

  /** Writes the load to {@code bootstrapServers} into a topic named after {@code run}, and waits for every acknowledgement. */
  public static Result run(String bootstrapServers, Load load, String run) throws InterruptedException {
    String topic = TOPIC_PREFIX + run;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      createTopic(admin, topic, load.partitions());
      try {
        return produce(bootstrapServers, topic, load);
      } finally {
        admin.deleteTopics(List.of(topic)).all().whenComplete((deleted, error) -> { });
      }
    }
  }

  private static void createTopic(Admin admin, String topic, int partitions) throws InterruptedException {
    try {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot create the peer's topic " + topic + ": " + e.getMessage(), e);
    }
  }

  private static Result produce(String bootstrapServers, String topic, Load load) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    String[] keys = new String[load.keys()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = "Bench|Load|Series=bench-" + i;
    }
    byte[] value = new byte[RECORD_BYTES];
    Arrays.fill(value, (byte) 'x');
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
      warmUp(producer, topic, load.partitions(), value);
      long deadline = System.nanoTime() + load.budget().toNanos();
      long sent = 0;
      long start = System.nanoTime();
      while (sent < load.records() && ((sent & 1023) != 0 || System.nanoTime() < deadline)) {
        producer.send(new ProducerRecord<>(topic, keys[(int) (sent % keys.length)], value), (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
        });
        sent++;
      }
      producer.flush();
      long nanos = System.nanoTime() - start;
      if (failure.get() != null) {
        throw new IllegalStateException("the peer producer failed: " + failure.get().getMessage(), failure.get());
      }
      return new Result(sent, nanos);
    }
  }

  /**
   * One acknowledged record per partition before the clock starts: a just-created topic's
   * partitions answer "not leader" until the broker has loaded them, and an idempotent producer
   * with several batches in flight into such a partition can fall out of sequence and retry forever.
   */
  private static void warmUp(KafkaProducer<String, byte[]> producer, String topic, int partitions, byte[] value) {
    for (int partition = 0; partition < partitions; partition++) {
      try {
        producer.send(new ProducerRecord<>(topic, partition, "warm-up", value)).get(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while warming up the peer producer", e);
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("the peer producer cannot write to " + topic + ": " + e.getMessage(), e);
      }
    }
  }
}
