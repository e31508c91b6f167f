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
    HealthConfig health,
    RecommendationsConfig recommendations,
    LogPatternsConfig logPatterns,
    DiagnosticsConfig diagnostics,
    DeploymentsConfig deployments,
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
        HealthConfig.from(root.section("health")),
        RecommendationsConfig.from(root.section("recommendations")),
        LogPatternsConfig.from(root.section("logPatterns")),
        DiagnosticsConfig.from(root.section("diagnostics")),
        DeploymentsConfig.from(root.section("deployments")),
        AwsConfig.from(root.section("aws")),
        IngestConfig.from(root.section("ingest")),
        LogConfig.from(root.section("log")));
    root.finish();
    refuseSourcesThatWouldDoNothing(config);
    return config;
  }

  /**
   * A source that is configured but switched off would silently do nothing: start-up stops instead,
   * naming both keys. CloudWatch Logs is configured by its groups; the AWS roles by themselves
   * configure the AWS sources, so roles with neither source on are refused too. (CloudWatch metrics
   * come with a default target list, so only their switch turns them on; probes have no switch:
   * a listed probe runs.)
   */
  private static void refuseSourcesThatWouldDoNothing(VigilConfig config) {
    CloudWatchLogsConfig logs = config.ingest().cloudwatchLogs();
    if (!logs.enabled() && !logs.logGroups().isEmpty()) {
      throw new ConfigException("ingest.cloudwatchLogs.logGroups",
          "is set (" + String.join(", ", logs.logGroups()) + ") but ingest.cloudwatchLogs.enabled is false:"
              + " set ingest.cloudwatchLogs.enabled=true to read these groups, or remove them");
    }
    EcsEventsConfig ecs = config.ingest().ecs();
    if (!ecs.enabled() && (!ecs.services().isEmpty() || !ecs.clusters().isEmpty())) {
      throw new ConfigException(ecs.services().isEmpty() ? "ingest.ecs.clusters" : "ingest.ecs.services",
          "is set but ingest.ecs.enabled is false: set ingest.ecs.enabled=true to follow these services, or remove them");
    }
    CloudFormationConfig stacks = config.ingest().cloudformation();
    if (!stacks.enabled() && !stacks.stacks().isEmpty()) {
      throw new ConfigException("ingest.cloudformation.stacks",
          "is set but ingest.cloudformation.enabled is false: set ingest.cloudformation.enabled=true to follow these stacks, or remove them");
    }
    if (!config.aws().roleArns().isEmpty() && !config.ingest().cloudwatch().enabled() && !logs.enabled()
        && !ecs.enabled() && !stacks.enabled()) {
      throw new ConfigException("aws.roleArns",
          "is set but none of ingest.cloudwatch.enabled, ingest.cloudwatchLogs.enabled, ingest.ecs.enabled and"
              + " ingest.cloudformation.enabled is true:"
              + " enable the source that should use these roles, or remove them");
    }
  }
}
