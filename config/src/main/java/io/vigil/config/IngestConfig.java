package io.vigil.config;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The sources that pull data in: CloudWatch metrics and logs, ECS and CloudFormation events, and synthetic probes. */
public record IngestConfig(CloudWatchMetricsConfig cloudwatch, CloudWatchLogsConfig cloudwatchLogs, EcsEventsConfig ecs,
    CloudFormationConfig cloudformation, List<ProbeConfig> probes) {

  public IngestConfig {
    probes = List.copyOf(probes);
  }

  static IngestConfig from(ConfigSection section) {
    CloudWatchMetricsConfig cloudwatch = CloudWatchMetricsConfig.from(section.section("cloudwatch"));
    CloudWatchLogsConfig logs = CloudWatchLogsConfig.from(section.section("cloudwatchLogs"));
    EcsEventsConfig ecs = EcsEventsConfig.from(section.section("ecs"));
    CloudFormationConfig cloudformation = CloudFormationConfig.from(section.section("cloudformation"));
    JsonObject probeDefaults = section.rawSection("probeDefaults");
    List<ConfigSection> items = section.sections("probes", probeDefaults);
    Set<String> names = new HashSet<>();
    List<ProbeConfig> probes = new java.util.ArrayList<>();
    for (ConfigSection item : items) {
      ProbeConfig probe = ProbeConfig.from(item);
      if (!names.add(probe.name())) {
        throw new ConfigException(item.keyOf("name"), "\"" + probe.name() + "\" is used by another probe; names must be unique");
      }
      probes.add(probe);
    }
    section.finish();
    return new IngestConfig(cloudwatch, logs, ecs, cloudformation, probes);
  }
}
