package io.vigil.config;

import io.vertx.core.json.JsonObject;

/** The whole configuration: one immutable, validated record per section. */
public record VigilConfig(
    HttpConfig http,
    StorageConfig storage,
    KafkaConfig kafka,
    DemoConfig demo,
    DetectionConfig detection,
    SeriesConfig series,
    ReadModelConfig readModel,
    AuthConfig auth,
    AlertingConfig alerting,
    AwsConfig aws,
    IngestConfig ingest,
    LogConfig log) {

  /** Validates and types a merged configuration document; the exception names the first bad key. */
  public static VigilConfig from(JsonObject json) {
    ConfigSection root = ConfigSection.root(json);
    VigilConfig config = new VigilConfig(
        HttpConfig.from(root.section("http")),
        StorageConfig.from(root.section("storage")),
        KafkaConfig.from(root.section("kafka")),
        DemoConfig.from(root.section("demo")),
        DetectionConfig.from(root.section("detection")),
        SeriesConfig.from(root.section("series")),
        ReadModelConfig.from(root.section("readModel")),
        AuthConfig.from(root.section("auth")),
        AlertingConfig.from(root.section("alerting")),
        AwsConfig.from(root.section("aws")),
        IngestConfig.from(root.section("ingest")),
        LogConfig.from(root.section("log")));
    root.finish();
    return config;
  }
}
