package io.vigil.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kafka cluster the pipeline runs on.
 *
 * @param bootstrapServers empty to run the embedded single-node broker
 * @param minInsyncReplicas {@code min.insync.replicas} of the topics Vigil creates; 0 leaves it to the broker's default
 * @param batchRecords whether points and scores are written as CBOR batch records (several values
 *     of one partition per record); false writes one JSON record per value, the form every release
 *     reads, for a rolling upgrade from a release that reads only that. Readers take both either way
 * @param compression the producers' {@code compression.type}: one of {@link #COMPRESSIONS}
 */
public record KafkaConfig(
    String bootstrapServers,
    int partitions,
    short replicationFactor,
    int retentionHours,
    int ackTimeoutMillis,
    String groupPrefix,
    int minInsyncReplicas,
    boolean batchRecords,
    String compression) {

  /** Kafka's compression types. */
  public static final List<String> COMPRESSIONS = List.of("none", "gzip", "snappy", "lz4", "zstd");

  /** Whether Vigil must start its own broker. */
  public boolean embedded() {
    return bootstrapServers.isBlank();
  }

  /** The consumer group of one pipeline stage. */
  public String group(String stage) {
    return groupPrefix + "-" + stage;
  }

  /** Properties of an idempotent producer that waits for every in-sync replica (acks=all). */
  public Map<String, String> producerProperties(String bootstrap) {
    Map<String, String> properties = new HashMap<>();
    properties.put("bootstrap.servers", bootstrap);
    properties.put("acks", "all");
    properties.put("enable.idempotence", "true");
    properties.put("linger.ms", "5");
    properties.put("compression.type", compression);
    properties.put("max.block.ms", String.valueOf(ackTimeoutMillis));
    properties.put("request.timeout.ms", String.valueOf(Math.max(1000, ackTimeoutMillis / 2)));
    properties.put("delivery.timeout.ms", String.valueOf(ackTimeoutMillis));
    return properties;
  }

  /** Properties of a consumer in {@code group} that commits its offsets itself. */
  public Map<String, String> consumerProperties(String bootstrap, String group) {
    Map<String, String> properties = new HashMap<>();
    properties.put("bootstrap.servers", bootstrap);
    properties.put("group.id", group);
    properties.put("enable.auto.commit", "false");
    properties.put("auto.offset.reset", "earliest");
    properties.put("isolation.level", "read_committed");
    properties.put("max.poll.records", "1000");
    return properties;
  }

  /** Properties of a consumer outside any group, that assigns partitions itself. */
  public Map<String, String> readerProperties(String bootstrap) {
    Map<String, String> properties = consumerProperties(bootstrap, "unused");
    properties.remove("group.id");
    return properties;
  }

  static KafkaConfig from(ConfigSection section) {
    KafkaConfig config = new KafkaConfig(
        section.string("bootstrapServers").trim(),
        section.integer("partitions", 1, 1024),
        (short) section.integer("replicationFactor", 1, 7),
        section.integer("retentionHours", 1, 24 * 365 * 10),
        section.integer("ackTimeoutMillis", 1000, 600_000),
        section.nonEmptyString("groupPrefix"),
        section.integer("minInsyncReplicas", 0, 7),
        section.bool("batchRecords"),
        section.string("compression").trim());
    if (!COMPRESSIONS.contains(config.compression())) {
      throw new ConfigException(section.keyOf("compression"), "must be one of " + String.join(", ", COMPRESSIONS) + ", was \"" + config.compression() + "\"");
    }
    if (config.minInsyncReplicas() > config.replicationFactor()) {
      // Every acks=all write to such a topic would fail with NOT_ENOUGH_REPLICAS.
      throw new ConfigException(section.keyOf("minInsyncReplicas"), "must be at most kafka.replicationFactor ("
          + config.replicationFactor() + "), was " + config.minInsyncReplicas());
    }
    section.finish();
    return config;
  }
}
