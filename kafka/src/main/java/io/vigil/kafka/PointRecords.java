package io.vigil.kafka;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vigil.model.MetricPoint;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import io.vigil.model.WireBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records that carry points to {@code vigil.points}, for every writer of points (the ingest
 * publisher, the sources' transactional writer): batch records ({@link WireBatch}), one per
 * partition the points' series ids give (and per {@link WireBatch#MAX_ENTRIES}), each series' points
 * in the order given; or, with {@code kafka.batchRecords} off, one record per point keyed by its
 * series id. The partition count is asked of the producer once, and again only after a failed ask.
 * Not thread-safe: one context uses it.
 */
public final class PointRecords {

  private final KafkaProducer<String, JsonObject> producer;
  private final boolean batchRecords;
  private Future<Integer> partitions;

  public PointRecords(KafkaProducer<String, JsonObject> producer, boolean batchRecords) {
    this.producer = producer;
    this.batchRecords = batchRecords;
  }

  /** The records for {@code points}, in order; none for none. */
  public Future<List<KafkaProducerRecord<String, JsonObject>>> of(List<MetricPoint> points) {
    if (points.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    if (!batchRecords) {
      List<KafkaProducerRecord<String, JsonObject>> records = new ArrayList<>(points.size());
      points.forEach(point -> records.add(KafkaProducerRecord.create(Topics.POINTS, point.series().id(), Wire.point(point))));
      return Future.succeededFuture(records);
    }
    return partitions().map(count -> {
      List<KafkaProducerRecord<String, JsonObject>> records = new ArrayList<>();
      byPartition(points, count).forEach((partition, ofPartition) -> WireBatch.chunks(ofPartition).forEach(chunk ->
          records.add(KafkaProducerRecord.create(Topics.POINTS, chunk.get(0).series().id(), WireBatch.ofPoints(chunk), null, partition))));
      return records;
    });
  }

  private static Map<Integer, List<MetricPoint>> byPartition(List<MetricPoint> points, int partitions) {
    Map<Integer, List<MetricPoint>> grouped = new LinkedHashMap<>();
    for (MetricPoint point : points) {
      grouped.computeIfAbsent(KeyPartitioner.partitionOf(point.series().id(), partitions), p -> new ArrayList<>()).add(point);
    }
    return grouped;
  }

  private Future<Integer> partitions() {
    if (partitions == null) {
      Future<Integer> lookup = producer.partitionsFor(Topics.POINTS).map(List::size);
      partitions = lookup;
      lookup.onFailure(failed -> {
        if (partitions == lookup) {
          partitions = null; // ask again next time
        }
      });
    }
    return partitions;
  }
}
