package io.vigil.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How far a view has read of what was in Kafka when it started: for every partition it follows,
 * the offset it began at and the end offset it saw then. It has caught up once every partition's
 * next offset reaches that end; records written since do not move the target, so a busy topic
 * cannot keep it catching up forever. Written by the following verticle's event loop, read by
 * readiness checks on others: every method is synchronized, and once caught up it stays so.
 */
public final class CatchUp {

  static final long POSITION_CHECK_MILLIS = 500;

  /** One partition: where reading began, the end it must reach, and the next offset to read. */
  private static final class Range {
    final long start;
    final long end;
    long next;

    Range(long start, long end) {
      this.start = start;
      this.end = end;
      this.next = start;
    }

    long read() {
      return Math.min(next, end) - start;
    }
  }

  private Map<TopicPartition, Range> ranges;
  private int behind;
  private volatile boolean caughtUp;
  private long timer = -1;

  /**
   * Begins from where {@code consumer} now stands in {@code partitions} (call it once they are
   * positioned, before records flow) to their end offsets now. Partitions whose last entries are
   * transaction markers rather than records (the sources write in transactions) count as caught up
   * once the consumer's position has passed the end: positions are asked for every half second
   * while behind, and each answer comes back on the caller's event loop after the records of the
   * polls before it were delivered, so every record before that position has been applied.
   */
  public Future<Void> track(Vertx vertx, KafkaConsumer<?, ?> consumer, Set<TopicPartition> partitions) {
    Map<TopicPartition, Future<Long>> positions = new HashMap<>();
    partitions.forEach(partition -> positions.put(partition, consumer.position(partition)));
    return Future.all(new ArrayList<>(positions.values()))
        .compose(found -> consumer.endOffsets(partitions))
        .map(ends -> {
          Map<TopicPartition, Long> starts = new HashMap<>();
          positions.forEach((partition, position) -> starts.put(partition, position.result()));
          begin(starts, ends);
          if (!caughtUp()) {
            timer = vertx.setPeriodic(POSITION_CHECK_MILLIS, id -> {
              if (caughtUp()) {
                vertx.cancelTimer(id);
                return;
              }
              for (TopicPartition behindNow : partitionsBehind()) {
                consumer.position(behindNow).onSuccess(position -> positioned(behindNow, position));
              }
            });
          }
          return null;
        });
  }

  /** Stops asking for positions. */
  public void stop(Vertx vertx) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Sets the targets, once: {@code starts} where each partition's reading begins, {@code ends} its end offset now. */
  public synchronized void begin(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
    if (ranges != null) {
      throw new IllegalStateException("catch-up already begun");
    }
    Map<TopicPartition, Range> built = new HashMap<>();
    starts.forEach((partition, start) -> {
      Long end = ends.get(partition);
      if (end == null) {
        throw new IllegalArgumentException("no end offset for " + partition);
      }
      built.put(partition, new Range(start, Math.max(start, end)));
    });
    ranges = built;
    behind = (int) built.values().stream().filter(range -> range.next < range.end).count();
    caughtUp = behind == 0;
  }

  /** The record at {@code offset} of {@code partition} has been applied to the read store. */
  public void applied(String topic, int partition, long offset) {
    if (caughtUp) {
      return;
    }
    synchronized (this) {
      Range range = ranges == null ? null : ranges.get(new TopicPartition(topic, partition));
      if (range == null || offset < range.next) {
        return;
      }
      boolean wasBehind = range.next < range.end;
      range.next = offset + 1;
      if (wasBehind && range.next >= range.end && --behind == 0) {
        caughtUp = true;
      }
    }
  }

  /**
   * The consumer's position in {@code partition} is {@code position}: everything before it has been
   * delivered, records and transaction markers alike. A partition whose last records before the end
   * are markers (the sources write log events in transactions) catches up this way, since no record
   * at the end offset's predecessor ever arrives.
   */
  public void positioned(TopicPartition partition, long position) {
    if (caughtUp) {
      return;
    }
    synchronized (this) {
      Range range = ranges == null ? null : ranges.get(partition);
      if (range == null || position <= range.next) {
        return;
      }
      boolean wasBehind = range.next < range.end;
      range.next = position;
      if (wasBehind && range.next >= range.end && --behind == 0) {
        caughtUp = true;
      }
    }
  }

  /** The partitions not yet read to their end. */
  public synchronized List<TopicPartition> partitionsBehind() {
    if (ranges == null) {
      return List.of();
    }
    List<TopicPartition> behindNow = new ArrayList<>();
    ranges.forEach((partition, range) -> {
      if (range.next < range.end) {
        behindNow.add(partition);
      }
    });
    return behindNow;
  }

  public boolean caughtUp() {
    return caughtUp;
  }

  /** For /ready: whether caught up, records read of those to read, and partitions still behind. */
  public synchronized JsonObject progress() {
    if (ranges == null) {
      return new JsonObject().put("caughtUp", false).put("status", "starting");
    }
    long read = 0;
    long total = 0;
    for (Range range : ranges.values()) {
      read += range.read();
      total += range.end - range.start;
    }
    return new JsonObject()
        .put("caughtUp", caughtUp)
        .put("status", caughtUp ? "caught up" : "catching up")
        .put("recordsRead", read)
        .put("recordsAtStart", total)
        .put("partitionsBehind", behind)
        .put("partitions", ranges.size());
  }
}
