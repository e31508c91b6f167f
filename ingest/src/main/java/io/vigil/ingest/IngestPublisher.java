package io.vigil.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vigil.kafka.KafkaClientMeters;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.PointRecords;
import io.vigil.model.LogEvent;
import io.vigil.model.MetricPoint;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes ingested points and log events to their topics and completes only when Kafka has
 * acknowledged every record of the batch (idempotent producer, acks=all). Every source and the
 * HTTP push endpoints go through it. Points go in the records {@link PointRecords} makes (batch
 * records, one per partition, unless {@code kafka.batchRecords} is off).
 */
public final class IngestPublisher {

  /** Name of the shared producer: every verticle that publishes uses one Kafka producer. */
  static final String PRODUCER_NAME = "vigil-ingest";

  /** Kafka record header with the correlation id of the HTTP request that caused the record. */
  public static final String REQUEST_ID_HEADER = "vigil-request-id";

  private final KafkaProducer<String, JsonObject> producer;
  private final KafkaClientMeters.Binding meters;
  private final PointRecords pointRecords;

  private IngestPublisher(KafkaProducer<String, JsonObject> producer, KafkaClientMeters.Binding meters, boolean batchRecords) {
    this.producer = producer;
    this.meters = meters;
    this.pointRecords = new PointRecords(producer, batchRecords);
  }

  /** A publisher on the shared ingest producer of {@code vertx}. */
  public static IngestPublisher create(Vertx vertx, KafkaEndpoint kafka) {
    KafkaProducer<String, JsonObject> producer = KafkaProducer.createShared(
        vertx,
        PRODUCER_NAME,
        kafka.producerProperties(),
        new StringSerializer(),
        kafka.valueSerializer());
    // A refused record fails its send's future, which the caller answers (a 503); without a handler
    // the client would also log every refused record of the batch as an unhandled exception.
    producer.exceptionHandler(failure -> { });
    return new IngestPublisher(producer, kafka.meters().bind(producer, "ingest"), kafka.batchRecords());
  }

  /** Succeeds once Kafka acknowledged every point; fails if any was not. */
  public Future<Void> publishPoints(List<MetricPoint> points) {
    return publishPoints(points, null);
  }

  /**
   * As {@link #publishPoints(List)}, each record carrying {@code requestId} (the correlation id of
   * the HTTP request that brought the points) in the header {@value #REQUEST_ID_HEADER}; null adds none.
   */
  public Future<Void> publishPoints(List<MetricPoint> points, String requestId) {
    return pointRecords.of(points).compose(records -> {
      List<Future<?>> sends = new ArrayList<>(records.size());
      records.forEach(record -> sends.add(producer.send(tagged(record, requestId))));
      return Future.all(sends).mapEmpty();
    });
  }

  /** Succeeds once Kafka acknowledged every event; fails if any was not. */
  public Future<Void> publishLogEvents(List<LogEvent> events) {
    return publishLogEvents(events, null);
  }

  /** As {@link #publishLogEvents(List)}, each record tagged with {@code requestId} like points are. */
  public Future<Void> publishLogEvents(List<LogEvent> events, String requestId) {
    List<Future<?>> sends = new ArrayList<>(events.size());
    for (LogEvent event : events) {
      sends.add(producer.send(tagged(KafkaProducerRecord.create(Topics.LOG_EVENTS, event.logGroup(), Wire.logEvent(event)), requestId)));
    }
    return Future.all(sends).mapEmpty();
  }

  /** Appends one audit record (key: the object it is about) and succeeds once Kafka has it. */
  public Future<Void> publishAudit(String objectKey, JsonObject record, String requestId) {
    return producer.send(tagged(KafkaProducerRecord.create(Topics.AUDIT, objectKey, record), requestId)).mapEmpty();
  }

  private static KafkaProducerRecord<String, JsonObject> tagged(KafkaProducerRecord<String, JsonObject> record, String requestId) {
    return requestId == null || requestId.isEmpty() ? record : record.addHeader(REQUEST_ID_HEADER, requestId);
  }

  /** Releases this user's share of the producer; the last user's close flushes and closes it. */
  public Future<Void> close() {
    return producer.close().andThen(closed -> meters.close());
  }

}
