package io.vigil.kafka;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of some topics outside any consumer group, as every process serving the
 * API must (each needs all of them, not a share): assigns the partitions, puts each at its start,
 * and only then sets the record handler, since setting it starts the fetching and records fetched
 * from the default position would slip in. The one way the read side, the health view and
 * alerting's views follow their topics. Create and use it on the following verticle's event loop.
 */
public final class TopicFollower {

  private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);

  /** Puts the assigned partitions at their start; runs before the handler is set. */
  @FunctionalInterface
  public interface Start {
    Future<Void> position(KafkaConsumer<String, JsonObject> consumer, Set<TopicPartition> partitions);
  }

  private final KafkaConsumer<String, JsonObject> consumer;
  private final KafkaClientMeters.Binding meters;

  /** A follower whose consumer's meters are tagged {@code stage}. */
  public TopicFollower(Vertx vertx, KafkaEndpoint kafka, String stage) {
    this.consumer = KafkaConsumer.create(vertx, kafka.readerProperties(), new StringDeserializer(), new RecordValueDeserializer());
    this.meters = kafka.meters().bind(consumer, stage);
    consumer.exceptionHandler(failure -> LOG.warn("{} consumer: {}", stage, failure.getMessage()));
  }

  /** Every partition of every topic from its beginning. */
  public static Start fromBeginning() {
    return (consumer, partitions) -> partitions.isEmpty() ? Future.succeededFuture() : consumer.seekToBeginning(partitions);
  }

  /** Follows every partition of {@code topics} from where {@code start} puts them; succeeds once records flow to {@code handler}. */
  public Future<Set<TopicPartition>> follow(List<String> topics, Start start, Handler<KafkaConsumerRecord<String, JsonObject>> handler) {
    List<Future<List<TopicPartition>>> lookups = new ArrayList<>();
    for (String topic : topics) {
      lookups.add(consumer.partitionsFor(topic)
          .map(infos -> infos.stream().map(info -> new TopicPartition(topic, info.getPartition())).toList()));
    }
    return Future.all(lookups).compose(found -> {
      Set<TopicPartition> all = new HashSet<>();
      lookups.forEach(lookup -> all.addAll(lookup.result()));
      return consumer.assign(all)
          .compose(assigned -> start.position(consumer, all))
          .map(positioned -> {
            consumer.handler(handler);
            return all;
          });
    });
  }

  /** Follows exactly these partitions, each from its offset. */
  public Future<Void> follow(Map<TopicPartition, Long> from, Handler<KafkaConsumerRecord<String, JsonObject>> handler) {
    return consumer.assign(from.keySet())
        .compose(assigned -> Future.all(from.entrySet().stream().map(entry -> consumer.seek(entry.getKey(), entry.getValue())).toList()))
        .map(sought -> {
          consumer.handler(handler);
          return null;
        });
  }

  /** The consumer, for the positions and offsets a follower's start asks about. */
  public KafkaConsumer<String, JsonObject> consumer() {
    return consumer;
  }

  /** Stops following and removes the consumer's meters. */
  public Future<Void> close() {
    return consumer.close().andThen(closed -> meters.close());
  }
}
