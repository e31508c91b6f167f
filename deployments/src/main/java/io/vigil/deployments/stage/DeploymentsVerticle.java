package io.vigil.deployments.stage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.config.DeploymentsConfig;
import io.vigil.config.RecommendationsConfig;
import io.vigil.deployments.ecs.EcsServiceControl;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.PartitionedStage;
import io.vigil.kafka.TopicReader;
import io.vigil.model.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployments stage: reads {@code vigil.deployment-inputs} (keyed by service) in its consumer
 * group into each partition's {@link DeploymentBook}; on the scaffold's tick judges the windows
 * that are over, takes the snapshots of new deployments (to {@code vigil.deployment-snapshots}),
 * runs the actions of failed ones, and writes every changed deployment to the compacted
 * {@code vigil.deployments} keyed by its id. State is checkpointed per service to
 * {@code vigil.deployment-checkpoints}.
 */
public final class DeploymentsVerticle extends VerticleBase implements PartitionedStage.Logic<DeploymentBook> {

  private static final Logger LOG = LoggerFactory.getLogger(DeploymentsVerticle.class);
  static final String STAGE = "deployments";

  private final KafkaEndpoint kafka;
  private final DeploymentsConfig config;
  private final StageSettings settings;
  private final Clock clock;
  private final SnapshotTaker snapshots;
  private final FailedVerdictActions actions;
  private PartitionedStage<DeploymentBook> stage;
  private Context context;

  public DeploymentsVerticle(KafkaEndpoint kafka, DeploymentsConfig config, Optional<EcsServiceControl> ecs,
      Map<String, RecommendationsConfig.ServiceSize> configuredSizes, Clock clock) {
    this.kafka = kafka;
    this.config = config;
    this.settings = StageSettings.of(config);
    this.clock = clock;
    this.snapshots = new SnapshotTaker(ecs, configuredSizes, settings, clock);
    this.actions = new FailedVerdictActions(config, ecs, clock);
  }

  @Override
  public Future<?> start() {
    context = vertx.getOrCreateContext();
    stage = new PartitionedStage<>(vertx, kafka, new PartitionedStage.Topology(STAGE, Topics.DEPLOYMENT_INPUTS, Topics.DEPLOYMENT_CHECKPOINTS), this);
    return stage.start(config.checkpointIntervalSeconds() * 1000L);
  }

  @Override
  public Future<?> stop() {
    return stage.stop();
  }

  @Override
  public DeploymentBook restore(int partition, TopicReader reader) {
    DeploymentBook book = fresh(partition);
    try {
      book.restore(reader.latestByKey(Topics.DEPLOYMENT_CHECKPOINTS, partition).values());
    } catch (RuntimeException e) {
      LOG.warn("deployments: partition {} has an unreadable checkpoint and starts afresh: {}", partition, e.getMessage());
      return fresh(partition);
    }
    LOG.info("deployments: partition {} restored {} services from checkpoints", partition, book.serviceCount());
    return book;
  }

  @Override
  public DeploymentBook fresh(int partition) {
    return new DeploymentBook(settings);
  }

  @Override
  public void process(DeploymentBook book, KafkaConsumerRecord<String, JsonObject> record, PartitionedStage.Output out) {
    if (record.value() == null) {
      return;
    }
    DeploymentInput input;
    try {
      input = DeploymentInput.fromJson(record.value());
    } catch (RuntimeException e) {
      LOG.warn("deployments: skipping an unreadable input at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    book.accept(input, clock.millis());
  }

  @Override
  public void tick(DeploymentBook book, PartitionedStage.Output out) {
    DeploymentBook.Work work = book.due(clock.millis());
    for (TrackedDeployment deployment : work.snapshots()) {
      snapshots.take(context, deployment, cluster(book, deployment)).onSuccess(snapshot -> {
        deployment.snapshot = snapshot;
        out.send(Topics.DEPLOYMENT_SNAPSHOTS, deployment.id, snapshot);
        book.touched(deployment, clock.millis());
      });
    }
    for (TrackedDeployment deployment : work.actions()) {
      LOG.warn("deployments: {} of {} failed its verification: {}", deployment.id, deployment.service, deployment.verdict.reasons());
      actions.run(context, deployment, cluster(book, deployment), out, () -> book.touched(deployment, clock.millis()));
    }
    for (TrackedDeployment deployment : work.publish()) {
      out.send(Topics.DEPLOYMENTS, deployment.id, DeploymentJson.toJson(deployment));
    }
  }

  /** The snapshot's cluster, else the one the service's metrics name, else the configured one. */
  private String cluster(DeploymentBook book, TrackedDeployment deployment) {
    if (deployment.snapshot != null && !deployment.snapshot.getString("cluster", "").isEmpty()) {
      return deployment.snapshot.getString("cluster");
    }
    String learned = book.timeline(deployment.service).cluster;
    return learned.isEmpty() ? config.ecs().cluster() : learned;
  }

  @Override
  public List<PartitionedStage.Checkpoint> checkpoint(int partition, DeploymentBook book) {
    return PartitionedStage.Checkpoint.of(book.changedSinceLastCheckpoint());
  }

  @Override
  public void unsaved(DeploymentBook book, List<PartitionedStage.Checkpoint> checkpoints) {
    book.unsaved(PartitionedStage.Checkpoint.keys(checkpoints));
  }
}
