package io.vigil.kafka.lease;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vigil.kafka.KafkaClientMeters;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.model.Topics;
import java.util.Map;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership of one job among the processes that share a Kafka cluster, for work that must run
 * once however many processes there are (a pulling source, the probes, the demo workload). Every
 * process that could run the job joins the consumer group {@code <prefix>-lease-<job>} on the
 * one-partition topic {@link Topics#LEASES}; the member assigned that partition holds the lease.
 * Kafka's group protocol does the rest: a process that stops hands the lease on at once, one that
 * dies loses it after the session timeout (10 s), and the cooperative sticky assignor leaves it
 * where it is when others join. Nothing is written to the topic.
 *
 * <p>Holding the lease is not a fence: for a moment around a hand-over two processes may both
 * believe they hold it. Jobs whose output must not be doubled fence themselves (the pulling
 * sources' transactional writers do); the others' output is de-duplicated downstream (detection
 * drops points not newer than the last one of their series).
 *
 * <p>Create it where the job's handlers should run (in the job verticle's {@code start}).
 */
public final class KafkaLease {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaLease.class);

  private final String job;
  private final KafkaConsumer<String, String> consumer;
  private Handler<Void> acquired = ignored -> {};
  private Handler<Void> lost = ignored -> {};
  private boolean held;
  /** Whether a rebalance has told this process where the lease is. */
  private boolean joined;
  private boolean closed;

  private final KafkaClientMeters.Binding meters;

  private KafkaLease(String job, KafkaConsumer<String, String> consumer, KafkaClientMeters.Binding meters) {
    this.job = job;
    this.consumer = consumer;
    this.meters = meters;
  }

  /** A lease on {@code job} (a name unique among the engine's jobs), not yet asked for. */
  public static KafkaLease create(Vertx vertx, KafkaEndpoint kafka, String job) {
    Map<String, String> properties = kafka.consumerProperties(kafka.group("lease-" + job));
    properties.put("partition.assignment.strategy", CooperativeStickyAssignor.class.getName());
    properties.put("session.timeout.ms", "10000");
    properties.put("heartbeat.interval.ms", "3000");
    KafkaConsumer<String, String> consumer = KafkaConsumer.create(vertx, properties, String.class, String.class);
    return new KafkaLease(job, consumer, kafka.meters().bind(consumer, "lease-" + job));
  }

  /** Called when this process comes to hold the lease. */
  public KafkaLease onAcquired(Handler<Void> handler) {
    this.acquired = handler;
    return this;
  }

  /**
   * Called when this process turns out not to hold the lease: when it joined and another process
   * holds it, and when it hands it on (to another process, or having failed to keep it).
   */
  public KafkaLease onLost(Handler<Void> handler) {
    this.lost = handler;
    return this;
  }

  public boolean held() {
    return held;
  }

  /** Joins the job's group; the lease comes later, through {@link #onAcquired}. */
  public Future<Void> start() {
    // The cooperative protocol reports every rebalance's assignment, empty ones too, and revokes
    // only what moves.
    consumer.partitionsAssignedHandler(partitions -> {
      if (closed || held) {
        return;
      }
      if (!partitions.isEmpty()) {
        held = true;
        joined = true;
        LOG.info("lease {}: held by this process", job);
        acquired.handle(null);
      } else if (!joined) {
        joined = true;
        LOG.info("lease {}: held by another process; standing by", job);
        lost.handle(null);
      }
    });
    consumer.partitionsRevokedHandler(partitions -> {
      if (!closed && held && !partitions.isEmpty()) {
        held = false;
        LOG.info("lease {}: handed to another process", job);
        lost.handle(null);
      }
    });
    consumer.handler(ignored -> {});
    return consumer.subscribe(Topics.LEASES);
  }

  /** Leaves the group, handing the lease on at once; no handler is called after this. */
  public Future<Void> close() {
    closed = true;
    held = false;
    return consumer.close().andThen(done -> meters.close());
  }
}
