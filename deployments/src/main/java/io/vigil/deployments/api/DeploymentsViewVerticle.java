package io.vigil.deployments.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.deployments.stage.DeploymentJson;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.TopicFollower;
import io.vigil.model.Addresses;
import io.vigil.model.Topics;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of the compacted {@code vigil.deployments} and
 * {@code vigil.deployment-snapshots} from their beginning, outside any consumer group (every
 * process serving the API needs every deployment), into a {@link DeploymentBoard}, and publishes
 * each change made since start, as its summary, on {@link Addresses#STREAM_DEPLOYMENTS} for the
 * WebSocket {@code deployments} subscription.
 */
public final class DeploymentsViewVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DeploymentsViewVerticle.class);
  static final String STAGE = "deployments-view";

  private final KafkaEndpoint kafka;
  private final DeploymentBoard board;
  private TopicFollower follower;
  private long startedAtMillis;

  public DeploymentsViewVerticle(KafkaEndpoint kafka, DeploymentBoard board) {
    this.kafka = kafka;
    this.board = board;
  }

  @Override
  public Future<?> start() {
    startedAtMillis = System.currentTimeMillis();
    follower = new TopicFollower(vertx, kafka, STAGE);
    return follower.follow(List.of(Topics.DEPLOYMENTS, Topics.DEPLOYMENT_SNAPSHOTS), TopicFollower.fromBeginning(), this::onRecord);
  }

  @Override
  public Future<?> stop() {
    return follower.close();
  }

  private void onRecord(KafkaConsumerRecord<String, JsonObject> record) {
    if (record.value() == null) {
      return;
    }
    try {
      if (Topics.DEPLOYMENT_SNAPSHOTS.equals(record.topic())) {
        board.putSnapshot(record.key(), record.value());
      } else if (board.put(record.value()) && record.timestamp() >= startedAtMillis) {
        vertx.eventBus().publish(Addresses.STREAM_DEPLOYMENTS, DeploymentJson.summary(record.value()));
      }
    } catch (RuntimeException e) {
      LOG.warn("deployments view: skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }
}
