package io.vigil.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scaffold every stage runs on: a consumer group over one input topic, state per input
 * partition, restored when the partition is assigned, checkpointed before its offset is committed,
 * saved and released when the partition is revoked.
 *
 * <p>The order that makes restarts exact: every checkpoint interval, on the stage's event loop, the
 * state of each partition and its next input offset are captured together; the outputs written so
 * far are flushed; the checkpoint records (to the compacted checkpoint topic, partition number equal
 * to the input partition's) are written; only then is the offset committed. A committed offset thus
 * implies its outputs and state are in Kafka, and after a crash a partition's new owner restores the
 * checkpoints and replays the input from the committed offset. Outputs written after the last
 * checkpoint are written again, so they must carry stable ids for readers to de-duplicate.
 *
 * <p>An output Kafka refused (the producer gave up on it after its delivery timeout, as when too
 * few replicas are in sync) must not be passed by a commit: the flush before a checkpoint succeeds
 * whether or not every record made it. So a refused output stops the next checkpoint, and the stage
 * drops its consumer and every partition's state and joins the group again with a new consumer,
 * which restores the checkpoints and replays from the committed offsets, as a new owner would;
 * the refused outputs are written again then.
 *
 * <p>Records that arrive while a partition's state is still being restored wait, in order; a
 * partition whose checkpoints cannot be read starts afresh rather than stalling. All
 * callbacks of {@link Logic} except {@link Logic#restore} run on the event loop of the verticle that
 * started the stage; {@code restore} runs on a worker and may block.
 *
 * @param <S> the state of one input partition
 */
public final class PartitionedStage<S> {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionedStage.class);

  /** How often {@link Logic#tick} runs for each partition. */
  public static final long TICK_MILLIS = 1000;

  /** What a stage does; the scaffold does the rest. */
  public interface Logic<S> {

    /** Blocking, on a worker: the state of {@code partition}, from its checkpoints read with {@code reader}. */
    S restore(int partition, TopicReader reader);

    /** The state of a partition whose checkpoints could not be read: it starts afresh. */
    S fresh(int partition);

    /** One input record for the partition whose state is {@code state}; outputs go to {@code out}. */
    void process(S state, KafkaConsumerRecord<String, JsonObject> record, Output out);

    /** Every {@link #TICK_MILLIS}, for work that time rather than a record makes due; nothing by default. */
    default void tick(S state, Output out) {
    }

    /**
     * The checkpoint records of what changed in {@code state} since the last call, keyed for the
     * compacted checkpoint topic. The state treats them as saved; {@link #unsaved} hands them back
     * if writing them fails.
     */
    List<Checkpoint> checkpoint(int partition, S state);

    /** Writing {@code checkpoints} failed: the state must offer them again at the next checkpoint. */
    void unsaved(S state, List<Checkpoint> checkpoints);
  }

  /** One record of the checkpoint topic: its key and value. */
  public record Checkpoint(String key, JsonObject value) {

    /** The checkpoints of a state's changed entries, by key. */
    public static List<Checkpoint> of(Map<String, JsonObject> changed) {
      List<Checkpoint> checkpoints = new ArrayList<>(changed.size());
      changed.forEach((key, value) -> checkpoints.add(new Checkpoint(key, value)));
      return checkpoints;
    }

    /** The keys of {@code checkpoints}, for handing unsaved ones back to a state. */
    public static List<String> keys(List<Checkpoint> checkpoints) {
      return checkpoints.stream().map(Checkpoint::key).toList();
    }
  }

  /** Where a stage writes its outputs; each write is acknowledged before the next commit. */
  public interface Output {
    /** A record to the partition the default partitioner gives {@code key}. */
    void send(String topic, String key, JsonObject value);

    /**
     * A record to {@code partition}: for a batch of several keys' values, grouped by the partition
     * their keys give ({@link KeyPartitioner}); {@code key} is then only a label.
     */
    void send(String topic, int partition, String key, JsonObject value);
  }

  /** The stage's name (its consumer group is {@code <groupPrefix>-<name>}), input and checkpoint topics. */
  public record Topology(String name, String inputTopic, String checkpointTopic) {}

  private final Vertx vertx;
  private final KafkaEndpoint kafka;
  private final Topology topology;
  private final Logic<S> logic;
  private final Map<Integer, Partition<S>> partitions = new HashMap<>();
  private final List<KafkaClientMeters.Binding> meters = new ArrayList<>();
  private KafkaConsumer<String, JsonObject> consumer;
  private KafkaClientMeters.Binding consumerMeters;
  private KafkaProducer<String, JsonObject> producer;
  private TopicReader reader;
  private long timerId = -1;
  /** Set by {@link #stop()}: from then on only the close uses the consumer. */
  private boolean stopping;
  private long tickTimerId = -1;
  private boolean checkpointing;
  /** Bumped by {@link #rejoin}: outputs sent before it are replayed, so their failures no longer count. */
  private int generation;
  /** Outputs of this generation that Kafka refused: no checkpoint may commit past them. */
  private int refusedOutputs;
  private boolean rejoining;
  private final Output output = new ProducerOutput();

  private static final class Partition<S> {
    final Queue<KafkaConsumerRecord<String, JsonObject>> waiting = new ArrayDeque<>();
    S state;
    long nextOffset = -1;
  }

  public PartitionedStage(Vertx vertx, KafkaEndpoint kafka, Topology topology, Logic<S> logic) {
    this.vertx = vertx;
    this.kafka = kafka;
    this.topology = topology;
    this.logic = logic;
  }

  /** Joins the group and starts checkpointing every {@code checkpointIntervalMillis}; call from the stage's verticle. */
  public Future<Void> start(long checkpointIntervalMillis) {
    reader = kafka.reader();
    producer = KafkaProducer.create(vertx, kafka.producerProperties(), new StringSerializer(), kafka.valueSerializer());
    // Each send's own future reports its failure (see send); without a handler the client would also
    // log every refused record as an unhandled exception, a stack trace each.
    producer.exceptionHandler(failure -> LOG.debug("{}: producer: {}", topology.name(), failure.getMessage()));
    meters.add(kafka.meters().bind(producer, topology.name()));
    timerId = vertx.setPeriodic(checkpointIntervalMillis, id -> checkpointPeriodically());
    tickTimerId = vertx.setPeriodic(TICK_MILLIS, id -> tick());
    return subscribe();
  }

  /** A new consumer in the stage's group; its callbacks are ignored once it is no longer the stage's consumer. */
  private Future<Void> subscribe() {
    KafkaConsumer<String, JsonObject> created = KafkaConsumer.create(vertx, kafka.consumerProperties(kafka.group(topology.name())),
        new StringDeserializer(), new RecordValueDeserializer());
    consumer = created;
    consumerMeters = kafka.meters().bind(created, topology.name());
    created.partitionsAssignedHandler(assigned -> {
      if (consumer == created) {
        onAssigned(assigned);
      }
    });
    created.partitionsRevokedHandler(revoked -> {
      if (consumer == created) {
        onRevoked(revoked);
      }
    });
    created.exceptionHandler(failure -> LOG.warn("{} consumer: {}", topology.name(), failure.getMessage()));
    created.handler(record -> {
      if (consumer == created) {
        onRecord(record);
      }
    });
    return created.subscribe(topology.inputTopic());
  }

  /**
   * Forgets every partition's state, closes the consumer without committing and joins the group
   * with a new one, so that the input from the committed offsets is processed again.
   */
  private void rejoin() {
    rejoining = true;
    generation++;
    refusedOutputs = 0;
    partitions.clear();
    KafkaConsumer<String, JsonObject> old = consumer;
    KafkaClientMeters.Binding oldMeters = consumerMeters;
    consumer = null;
    LOG.warn("{}: Kafka refused outputs; replaying the input from the committed offsets with a new consumer", topology.name());
    old.close()
        .andThen(closed -> oldMeters.close())
        .transform(closed -> stopping ? Future.<Void>succeededFuture() : subscribe())
        .onComplete(joined -> {
          rejoining = false;
          if (joined.failed()) {
            LOG.error("{}: cannot join the group again: {}", topology.name(), joined.cause().getMessage());
          }
        });
  }

  /** Checkpoints every partition, then leaves the group and closes the clients. */
  public Future<Void> stop() {
    stopping = true;
    vertx.cancelTimer(timerId);
    vertx.cancelTimer(tickTimerId);
    return checkpoint(new ArrayList<>(partitions.keySet()))
        .eventually(() -> consumer == null ? Future.succeededFuture() : consumer.close())
        .eventually(() -> producer.close())
        .andThen(closed -> {
          meters.forEach(KafkaClientMeters.Binding::close);
          if (consumerMeters != null) {
            consumerMeters.close();
          }
        });
  }

  /** Checkpoints and commits every partition now (tests; also what each interval does). */
  public Future<Void> checkpointNow() {
    return checkpoint(new ArrayList<>(partitions.keySet()));
  }

  private void onAssigned(Set<TopicPartition> assigned) {
    for (TopicPartition topicPartition : assigned) {
      int number = topicPartition.getPartition();
      Partition<S> partition = new Partition<>();
      partitions.put(number, partition);
      vertx.executeBlocking(() -> logic.restore(number, reader)).onComplete(result -> {
        if (partitions.get(number) != partition) {
          return; // revoked while restoring
        }
        if (result.succeeded()) {
          partition.state = result.result();
        } else {
          LOG.error("{}: cannot read the checkpoints of partition {}; it starts afresh", topology.name(), number, result.cause());
          partition.state = logic.fresh(number);
        }
        while (!partition.waiting.isEmpty()) {
          process(partition, partition.waiting.poll());
        }
      });
    }
  }

  private void onRevoked(Set<TopicPartition> revoked) {
    List<Integer> numbers = revoked.stream().map(TopicPartition::getPartition).toList();
    if (stopping) {
      // The revoke of our own close: stop() checkpointed every partition before closing, and the
      // consumer, closing on its own thread, must not be used again (a commit now would run it on
      // a second thread).
      numbers.forEach(partitions::remove);
      return;
    }
    // Save what we can for the next owner; a failure here only means more replay for it. The
    // checkpoint ends after the rebalance, often after this consumer was assigned some of the same
    // partitions again: only the revoked partitions' entries go, never their successors.
    Map<Integer, Partition<S>> revokedPartitions = new HashMap<>();
    numbers.forEach(number -> {
      Partition<S> partition = partitions.get(number);
      if (partition != null) {
        revokedPartitions.put(number, partition);
      }
    });
    checkpoint(numbers).onComplete(done -> revokedPartitions.forEach(partitions::remove));
  }

  private void onRecord(KafkaConsumerRecord<String, JsonObject> record) {
    Partition<S> partition = partitions.get(record.partition());
    if (partition == null) {
      return; // not ours any more
    }
    if (partition.state == null) {
      partition.waiting.add(record);
      return;
    }
    process(partition, record);
  }

  private void process(Partition<S> partition, KafkaConsumerRecord<String, JsonObject> record) {
    partition.nextOffset = record.offset() + 1;
    logic.process(partition.state, record, output);
  }

  private void tick() {
    partitions.values().forEach(partition -> {
      if (partition.state != null) {
        logic.tick(partition.state, output);
      }
    });
  }

  private void send(KafkaProducerRecord<String, JsonObject> record) {
    int sentIn = generation;
    producer.send(record).onFailure(failure -> {
      // The producer runs this callback before the flush that covers the record returns, so the
      // checkpoint after that flush sees it.
      if (sentIn == generation) {
        if (refusedOutputs++ == 0) {
          LOG.warn("{}: Kafka refused an output to {}: {}", topology.name(), record.topic(), failure.getMessage());
        }
      }
    });
  }

  /** Every output goes through the stage's one producer, flushed before each commit. */
  private final class ProducerOutput implements Output {
    @Override
    public void send(String topic, String key, JsonObject value) {
      PartitionedStage.this.send(KafkaProducerRecord.create(topic, key, value));
    }

    @Override
    public void send(String topic, int partition, String key, JsonObject value) {
      PartitionedStage.this.send(KafkaProducerRecord.create(topic, key, value, null, partition));
    }
  }

  private void checkpointPeriodically() {
    if (checkpointing || rejoining) {
      return;
    }
    checkpointing = true;
    checkpointNow().onComplete(done -> {
      checkpointing = false;
      if (done.failed()) {
        LOG.warn("{}: checkpoint failed, will retry: {}", topology.name(), done.cause().getMessage());
      }
      if (refusedOutputs > 0 && !stopping && !rejoining) {
        rejoin();
      }
    });
  }

  /**
   * Saves the changed state of {@code numbers} and then commits their input offsets. State and
   * offsets are captured together, on this event loop, so they describe one cut of the input; the
   * outputs of that cut are flushed before anything is committed.
   */
  private Future<Void> checkpoint(List<Integer> numbers) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    Map<Integer, List<Checkpoint>> snapshots = new HashMap<>();
    Map<Integer, Partition<S>> captured = new HashMap<>();
    for (int number : numbers) {
      Partition<S> partition = partitions.get(number);
      if (partition == null || partition.state == null || partition.nextOffset < 0) {
        continue;
      }
      offsets.put(new TopicPartition(topology.inputTopic(), number), new OffsetAndMetadata(partition.nextOffset, ""));
      snapshots.put(number, logic.checkpoint(number, partition.state));
      captured.put(number, partition);
    }
    if (offsets.isEmpty()) {
      return Future.succeededFuture();
    }
    int checkedGeneration = generation;
    return producer.flush().compose(flushed -> {
      if (checkedGeneration != generation) {
        return Future.failedFuture(new IllegalStateException("the stage joined its group again; the new owner replays"));
      }
      if (refusedOutputs > 0) {
        return Future.failedFuture(new IllegalStateException(refusedOutputs + " outputs were refused by Kafka since the last commit"));
      }
      List<Future<?>> writes = new ArrayList<>();
      snapshots.forEach((number, checkpoints) -> checkpoints.forEach(checkpoint -> writes.add(producer.send(
          KafkaProducerRecord.create(topology.checkpointTopic(), checkpoint.key(), checkpoint.value(), null, number)))));
      return Future.all(writes);
    }).compose(written -> checkedGeneration == generation
        ? consumer.commit(offsets)
        : Future.failedFuture(new IllegalStateException("the stage joined its group again; the new owner replays"))
    ).recover(failure -> {
      // Handed back to the state they came from, even if the partition has been assigned again since.
      snapshots.forEach((number, checkpoints) -> logic.unsaved(captured.get(number).state, checkpoints));
      return Future.failedFuture(failure);
    }).mapEmpty();
  }
}
