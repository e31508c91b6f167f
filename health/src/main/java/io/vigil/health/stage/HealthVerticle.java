package io.vigil.health.stage;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.config.HealthConfig;
import io.vigil.health.HealthScorer;
import io.vigil.health.SeriesSignal;
import io.vigil.health.ServiceBook;
import io.vigil.health.ServiceHealth;
import io.vigil.health.insight.Insight;
import io.vigil.health.insight.InsightBook;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.PartitionedStage;
import io.vigil.kafka.TopicReader;
import io.vigil.model.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health stage: reads {@code vigil.health-signals} (keyed by service) in its consumer group,
 * keeps each service's signals in its partition's {@link ServiceBook}, and on the scaffold's tick
 * writes the health of every service that is due to the compacted {@code vigil.health}, keyed by
 * service, and each insight that assessment opened, changed or closed to the compacted
 * {@code vigil.insights}, keyed by insight id. A dependency's health is this verticle's own latest when it scores that service too,
 * else what {@code vigil.health} last said of it (the {@code published} lookup, the read side of
 * that topic), so with several processes a dependency scored elsewhere counts a moment later.
 */
public final class HealthVerticle extends VerticleBase implements PartitionedStage.Logic<HealthPartition> {

  private static final Logger LOG = LoggerFactory.getLogger(HealthVerticle.class);
  static final String STAGE = "health";

  private final KafkaEndpoint kafka;
  private final HealthConfig config;
  private final HealthScorer scorer;
  private final HealthScorer.Dependencies published;
  private final Clock clock;
  /** The latest health this verticle computed, over all its partitions; read only on its event loop. */
  private final Map<String, HealthScorer.DependencyHealth> local = new HashMap<>();
  private PartitionedStage<HealthPartition> stage;

  public HealthVerticle(KafkaEndpoint kafka, HealthConfig config, HealthScorer.Dependencies published, Clock clock) {
    this.kafka = kafka;
    this.config = config;
    this.scorer = new HealthScorer(config);
    this.published = published;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    stage = new PartitionedStage<>(vertx, kafka, new PartitionedStage.Topology(STAGE, Topics.HEALTH_SIGNALS, Topics.HEALTH_CHECKPOINTS), this);
    return stage.start(config.checkpointIntervalSeconds() * 1000L);
  }

  @Override
  public Future<?> stop() {
    return stage.stop();
  }

  @Override
  public HealthPartition restore(int partition, TopicReader reader) {
    HealthPartition state = fresh(partition);
    List<JsonObject> checkpoints = reader.latestByKey(Topics.HEALTH_CHECKPOINTS, partition).values().stream().toList();
    try {
      state.restore(checkpoints);
    } catch (RuntimeException e) {
      LOG.warn("health: partition {} has an unreadable checkpoint and starts afresh: {}", partition, e.getMessage());
      return fresh(partition);
    }
    LOG.info("health: partition {} restored {} services and {} open insights from checkpoints", partition, state.book().serviceCount(),
        state.insights().openCount());
    return state;
  }

  @Override
  public HealthPartition fresh(int partition) {
    return new HealthPartition(new ServiceBook(scorer, config.dependencies().keySet()), new InsightBook(config));
  }

  @Override
  public void process(HealthPartition state, KafkaConsumerRecord<String, JsonObject> record, PartitionedStage.Output out) {
    try {
      state.book().accept(SeriesSignal.fromJson(record.value()));
    } catch (RuntimeException e) {
      LOG.warn("health: skipping an unreadable signal at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }

  @Override
  public void tick(HealthPartition state, PartitionedStage.Output out) {
    long nowMillis = clock.millis();
    for (ServiceHealth health : state.book().due(nowMillis, this::dependency)) {
      local.put(health.service(), new HealthScorer.DependencyHealth(health.service(), health.score(), health.status(), health.topReason(),
          health.updatedAtMillis()));
      out.send(Topics.HEALTH, health.service(), health.toJson());
      state.insights().observe(health, state.book().signalsOf(health.service()), nowMillis)
          .ifPresent(insight -> out.send(Topics.INSIGHTS, insight.id(), insight.toJson()));
    }
    for (Insight closed : state.insights().closeQuiet(nowMillis)) {
      out.send(Topics.INSIGHTS, closed.id(), closed.toJson());
    }
  }

  private Optional<HealthScorer.DependencyHealth> dependency(String service) {
    HealthScorer.DependencyHealth mine = local.get(service);
    return mine != null ? Optional.of(mine) : published.of(service);
  }

  @Override
  public List<PartitionedStage.Checkpoint> checkpoint(int partition, HealthPartition state) {
    List<PartitionedStage.Checkpoint> checkpoints = new ArrayList<>(PartitionedStage.Checkpoint.of(state.book().changedSinceLastCheckpoint()));
    checkpoints.addAll(PartitionedStage.Checkpoint.of(state.insights().changedSinceLastCheckpoint()));
    return checkpoints;
  }

  @Override
  public void unsaved(HealthPartition state, List<PartitionedStage.Checkpoint> checkpoints) {
    List<String> keys = PartitionedStage.Checkpoint.keys(checkpoints);
    state.book().unsaved(keys);
    state.insights().unsaved(keys);
  }
}
