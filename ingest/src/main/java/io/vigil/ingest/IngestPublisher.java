package io.vigil.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vigil.kafka.KafkaClientMeters;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.KeyPartitioner;
import io.vigil.model.LogEvent;
import io.vigil.model.MetricPoint;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import io.vigil.model.WireBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes ingested points and log events to their topics and completes only when Kafka has
 * acknowledged every record of the batch (idempotent producer, acks=all). Every source and the
 * HTTP push endpoints go through it. Points go as batch records ({@link WireBatch}), one per
 * partition of {@code vigil.points} (and per {@link WireBatch#MAX_ENTRIES}), each point in the
 * partition its series id gives, in the order given; with {@code kafka.batchRecords} off, one JSON
 * record per point, keyed by its series id, as releases before batch records wrote them.
 */
public final class IngestPublisher {

  /** Name of the shared producer: every verticle that publishes uses one Kafka producer. */
  static final String PRODUCER_NAME = "vigil-ingest";

  /** Kafka record header with the correlation id of the HTTP request that caused the record. */
  public static final String REQUEST_ID_HEADER = "vigil-request-id";

  private final KafkaProducer<String, JsonObject> producer;
  private final KafkaClientMeters.Binding meters;
  private final boolean batchRecords;
  /** The partition count of {@code vigil.points}, looked up once it is first needed. */
  private Future<Integer> pointPartitions;

  private IngestPublisher(KafkaProducer<String, JsonObject> producer, KafkaClientMeters.Binding meters, boolean batchRecords) {
    this.producer = producer;
    this.meters = meters;
    this.batchRecords = batchRecords;
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
    if (points.isEmpty()) {
      return Future.succeededFuture();
    }
    if (!batchRecords) {
      List<Future<?>> sends = new ArrayList<>(points.size());
      for (MetricPoint point : points) {
        sends.add(producer.send(tagged(KafkaProducerRecord.create(Topics.POINTS, point.series().id(), Wire.point(point)), requestId)));
      }
      return Future.all(sends).mapEmpty();
    }
    return pointPartitions().compose(partitions -> {
      List<Future<?>> sends = new ArrayList<>();
      byPartition(points, partitions).forEach((partition, ofPartition) -> WireBatch.chunks(ofPartition).forEach(chunk ->
          sends.add(producer.send(tagged(KafkaProducerRecord.create(Topics.POINTS, chunk.get(0).series().id(),
              WireBatch.ofPoints(chunk), null, partition), requestId)))));
      return Future.all(sends).mapEmpty();
    });
  }

  private static Map<Integer, List<MetricPoint>> byPartition(List<MetricPoint> points, int partitions) {
    Map<Integer, List<MetricPoint>> grouped = new LinkedHashMap<>();
    for (MetricPoint point : points) {
      grouped.computeIfAbsent(KeyPartitioner.partitionOf(point.series().id(), partitions), p -> new ArrayList<>()).add(point);
    }
    return grouped;
  }

  private Future<Integer> pointPartitions() {
    if (pointPartitions == null) {
      Future<Integer> lookup = producer.partitionsFor(Topics.POINTS).map(List::size);
      pointPartitions = lookup;
      lookup.onFailure(failed -> {
        if (pointPartitions == lookup) {
          pointPartitions = null; // ask again next time
        }
      });
    }
    return pointPartitions;
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
