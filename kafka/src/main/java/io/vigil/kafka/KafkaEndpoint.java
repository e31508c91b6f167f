package io.vigil.kafka;

import io.vigil.config.KafkaConfig;
import java.util.Map;

/**
 * The Kafka a process talks to: its configuration, the bootstrap servers actually in use (the
 * embedded broker's, or the configured cluster's), and where its clients' meters go. The one value
 * every stage and source is given instead of a configuration and a bootstrap string side by side.
 */
public record KafkaEndpoint(KafkaConfig config, String bootstrapServers, KafkaClientMeters meters) {

  /** An endpoint whose clients record no meters (tools and tests). */
  public static KafkaEndpoint of(KafkaConfig config, String bootstrapServers) {
    return new KafkaEndpoint(config, bootstrapServers, KafkaClientMeters.none());
  }

  /** Idempotent, acks=all producer properties. */
  public Map<String, String> producerProperties() {
    return config.producerProperties(bootstrapServers);
  }

  /** Consumer properties for a member of {@code group}. */
  public Map<String, String> consumerProperties(String group) {
    return config.consumerProperties(bootstrapServers, group);
  }

  /** Properties for a reader outside any consumer group (read_committed). */
  public Map<String, String> readerProperties() {
    return config.readerProperties(bootstrapServers);
  }

  /** The consumer group of a stage: {@code <groupPrefix>-<stage>}. */
  public String group(String stage) {
    return config.group(stage);
  }

  /** Record values as the stages write them: CBOR on the point topics when batch records are on, JSON otherwise. */
  public RecordValueSerializer valueSerializer() {
    return new RecordValueSerializer(config.batchRecords());
  }

  /** Whether points and scores go as batch records ({@link io.vigil.model.WireBatch}), or one value per record. */
  public boolean batchRecords() {
    return config.batchRecords();
  }

  /** A blocking reader of whole topics on this endpoint. */
  public TopicReader reader() {
    return new TopicReader(readerProperties());
  }
}
