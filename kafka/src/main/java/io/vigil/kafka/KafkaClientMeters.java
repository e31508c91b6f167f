package io.vigil.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.List;

/**
 * Gives each Kafka producer and consumer Micrometer's Kafka client meters (request rates, record
 * lag, and the rest Kafka's own metrics carry), tagged {@code stage} with the part of Vigil that owns
 * the client, so consumer lag reads per stage ({@code kafka_consumer_fetch_manager_records_lag_max}).
 * A binding is closed with its client, which removes its meters. Thread-safe.
 */
public final class KafkaClientMeters {

  /** The meters of one client; closing removes them. */
  @FunctionalInterface
  public interface Binding extends AutoCloseable {
    @Override
    void close();
  }

  private static final KafkaClientMeters NONE = new KafkaClientMeters(null);

  private final MeterRegistry registry;

  private KafkaClientMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  public static KafkaClientMeters to(MeterRegistry registry) {
    return new KafkaClientMeters(registry);
  }

  /** Records nothing. */
  public static KafkaClientMeters none() {
    return NONE;
  }

  /** Meters for {@code consumer}; close the returned binding when the consumer closes. */
  public Binding bind(KafkaConsumer<?, ?> consumer, String stage) {
    return registry == null ? () -> { } : bound(new KafkaClientMetrics(consumer.unwrap(), tags(stage)));
  }

  /** Meters for {@code producer}; close the returned binding when the producer closes. */
  public Binding bind(KafkaProducer<?, ?> producer, String stage) {
    return registry == null ? () -> { } : bound(new KafkaClientMetrics(producer.unwrap(), tags(stage)));
  }

  private Binding bound(KafkaClientMetrics metrics) {
    metrics.bindTo(registry);
    return metrics::close;
  }

  private static List<Tag> tags(String stage) {
    return List.of(Tag.of("stage", stage));
  }
}
