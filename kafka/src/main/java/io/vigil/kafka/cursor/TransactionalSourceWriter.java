package io.vigil.kafka.cursor;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vigil.kafka.KafkaClientMeters;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.PointRecords;
import io.vigil.model.DeploymentEvent;
import io.vigil.model.LogEvent;
import io.vigil.model.MetricPoint;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes what a source read together with the cursors that say it was read, in one Kafka
 * transaction: readers (isolation.level=read_committed) see both or neither, so a source killed at
 * any moment resumes from its last committed cursor without gap or duplicate. One writer per source,
 * with a stable transactional id: a restarted process fences the one it replaces and aborts its open
 * transaction. Points go in the records {@link PointRecords} makes (batch records, one per
 * partition, unless {@code kafka.batchRecords} is off). Not thread-safe; call {@link #write} from
 * one context, one call at a time.
 */
public final class TransactionalSourceWriter {

  private final String source;
  private final KafkaProducer<String, JsonObject> producer;
  private final KafkaClientMeters.Binding meters;
  private final PointRecords pointRecords;
  private boolean initialised;

  private TransactionalSourceWriter(String source, KafkaProducer<String, JsonObject> producer, KafkaClientMeters.Binding meters,
      boolean batchRecords) {
    this.source = source;
    this.producer = producer;
    this.meters = meters;
    this.pointRecords = new PointRecords(producer, batchRecords);
  }

  /** A writer for {@code source}; its transactional id is {@code <groupPrefix>-source-<source>}. */
  public static TransactionalSourceWriter create(Vertx vertx, KafkaEndpoint kafka, String source) {
    Map<String, String> properties = kafka.producerProperties();
    properties.put("transactional.id", kafka.config().groupPrefix() + "-source-" + source);
    properties.put("transaction.timeout.ms", "60000");
    KafkaProducer<String, JsonObject> producer = KafkaProducer.create(vertx, properties, new StringSerializer(), kafka.valueSerializer());
    return new TransactionalSourceWriter(source, producer, kafka.meters().bind(producer, "source-" + source), kafka.batchRecords());
  }

  /** Registers the transactional id (fencing any older producer with it); once, before writing. */
  public Future<Void> init() {
    return producer.initTransactions().onSuccess(ignored -> initialised = true);
  }

  /**
   * Publishes points, events and cursors (item → cursor JSON) atomically. Succeeds after the commit;
   * on failure the transaction is aborted and nothing of it becomes visible.
   */
  public Future<Void> write(List<MetricPoint> points, List<LogEvent> events, Map<String, JsonObject> cursors) {
    return write(points, events, List.of(), cursors);
  }

  /** Publishes deployment events (keyed by service) and cursors atomically, like {@link #write(List, List, Map)}. */
  public Future<Void> writeDeploymentEvents(List<DeploymentEvent> deploymentEvents, Map<String, JsonObject> cursors) {
    return write(List.of(), List.of(), deploymentEvents, cursors);
  }

  /** {@link #write(List, List, Map)} with deployment events too, to {@code vigil.deployment-events} keyed by service. */
  public Future<Void> write(List<MetricPoint> points, List<LogEvent> events, List<DeploymentEvent> deployments, Map<String, JsonObject> cursors) {
    if (!initialised) {
      return Future.failedFuture(new IllegalStateException("init() has not completed"));
    }
    if (points.isEmpty() && events.isEmpty() && deployments.isEmpty() && cursors.isEmpty()) {
      return Future.succeededFuture();
    }
    return pointRecords.of(points).compose(ofPoints -> producer.beginTransaction().compose(begun -> {
      List<Future<?>> sends = new ArrayList<>(ofPoints.size() + events.size() + deployments.size() + cursors.size());
      ofPoints.forEach(record -> sends.add(producer.send(record)));
      for (LogEvent event : events) {
        sends.add(producer.send(KafkaProducerRecord.create(Topics.LOG_EVENTS, event.logGroup(), Wire.logEvent(event))));
      }
      for (DeploymentEvent deployment : deployments) {
        sends.add(producer.send(KafkaProducerRecord.create(Topics.DEPLOYMENT_EVENTS, deployment.service(), Wire.deploymentEvent(deployment))));
      }
      cursors.forEach((item, cursor) -> sends.add(producer.send(
          KafkaProducerRecord.create(Topics.SOURCE_CURSORS, SourceCursors.key(source, item), cursor))));
      return Future.all(sends)
          .compose(sent -> producer.commitTransaction())
          .recover(failure -> producer.abortTransaction()
              .transform(aborted -> Future.<Void>failedFuture(failure)));
    }));
  }

  public Future<Void> close() {
    return producer.close().andThen(closed -> meters.close());
  }
}
