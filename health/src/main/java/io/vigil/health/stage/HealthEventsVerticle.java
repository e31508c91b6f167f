package io.vigil.health.stage;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.config.HealthConfig;
import io.vigil.config.SignatureCatalog;
import io.vigil.health.logs.DeploymentEventSignals;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.PartitionedStage;
import io.vigil.kafka.TopicReader;
import io.vigil.model.DeploymentEvent;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment-event side of health: reads {@code vigil.deployment-events} (keyed by service) in
 * its consumer group and writes the signal each makes ({@link DeploymentEventSignals}: deployments,
 * kills for memory, refused connections) to {@code vigil.health-signals}, keyed by service. It keeps
 * no state, so it has no checkpoints: its committed offset is all a restart needs (the scaffold's
 * checkpoint topic is named but never written).
 */
public final class HealthEventsVerticle extends VerticleBase implements PartitionedStage.Logic<DeploymentEventSignals> {

  private static final Logger LOG = LoggerFactory.getLogger(HealthEventsVerticle.class);
  static final String STAGE = "health-events";

  private final KafkaEndpoint kafka;
  private final HealthConfig health;
  private final DeploymentEventSignals signals;
  private PartitionedStage<DeploymentEventSignals> stage;

  public HealthEventsVerticle(KafkaEndpoint kafka, HealthConfig health, SignatureCatalog catalog) {
    this.kafka = kafka;
    this.health = health;
    this.signals = new DeploymentEventSignals(catalog);
  }

  @Override
  public Future<?> start() {
    stage = new PartitionedStage<>(vertx, kafka,
        new PartitionedStage.Topology(STAGE, Topics.DEPLOYMENT_EVENTS, Topics.HEALTH_LOG_CHECKPOINTS), this);
    return stage.start(health.checkpointIntervalSeconds() * 1000L);
  }

  @Override
  public Future<?> stop() {
    return stage.stop();
  }

  @Override
  public DeploymentEventSignals restore(int partition, TopicReader reader) {
    return signals;
  }

  @Override
  public DeploymentEventSignals fresh(int partition) {
    return signals;
  }

  @Override
  public void process(DeploymentEventSignals state, KafkaConsumerRecord<String, JsonObject> record, PartitionedStage.Output out) {
    DeploymentEvent event;
    try {
      event = Wire.deploymentEvent(record.value());
    } catch (RuntimeException e) {
      LOG.warn("health-events: skipping an unreadable deployment event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
          e.getMessage());
      return;
    }
    state.of(event).ifPresent(signal -> out.send(Topics.HEALTH_SIGNALS, signal.service(), signal.toJson()));
  }

  @Override
  public List<PartitionedStage.Checkpoint> checkpoint(int partition, DeploymentEventSignals state) {
    return List.of();
  }

  @Override
  public void unsaved(DeploymentEventSignals state, List<PartitionedStage.Checkpoint> checkpoints) {
  }
}
