package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestConfigTest {

  @TempDir
  Path folder;

  private Vertx vertx;

  @BeforeEach
  void createVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  private VigilConfig load(String yaml, String... assignments) throws Exception {
    Path file = folder.resolve("vigil.yaml");
    Files.writeString(file, yaml);
    return new ConfigLoader(vertx).file(file).environment(Map.of()).assignments(List.of(assignments)).load().await();
  }

  @Test
  void sourcesAreOffByDefaultAndDefaultTargetsCoverTheServices() {
    VigilConfig config = new ConfigLoader(vertx).environment(Map.of()).load().await();
    assertThat(config.ingest().cloudwatch().enabled()).isFalse();
    assertThat(config.ingest().cloudwatchLogs().enabled()).isFalse();
    assertThat(config.ingest().probes()).isEmpty();
    assertThat(config.ingest().cloudwatch().metrics()).extracting(CloudWatchMetricsConfig.Target::namespace)
        .containsOnly("AWS/ECS", "ECS/ContainerInsights", "AWS/ApplicationELB", "AWS/RDS", "AWS/ElastiCache");
    // Counts are summed and unhealthy hosts taken at their worst, not averaged.
    assertThat(config.ingest().cloudwatch().metrics()).filteredOn(target -> target.metricNames().contains("RequestCount"))
        .singleElement().satisfies(target -> assertThat(target.statistic()).isEqualTo("Sum"));
    assertThat(config.ingest().cloudwatch().metrics()).filteredOn(target -> target.metricNames().contains("UnHealthyHostCount"))
        .singleElement().satisfies(target -> assertThat(target.statistic()).isEqualTo("Maximum"));
    assertThat(config.ingest().cloudwatch().metrics().get(0).statistic()).isEqualTo("Average");
    assertThat(config.ingest().cloudwatch().metrics().get(0).periodSeconds()).isEqualTo(60);
    assertThat(config.aws().region()).isEmpty();
  }

  @Test
  void logGroupsComeCommaSeparatedFromSet() throws Exception {
    VigilConfig config = load("{}", "ingest.cloudwatchLogs.enabled=true", "ingest.cloudwatchLogs.logGroups=/ecs/api, /aws/rds/*");
    assertThat(config.ingest().cloudwatchLogs().logGroups()).containsExactly("/ecs/api", "/aws/rds/*");
  }

  @Test
  void probesTakeDefaultsForKeysTheyLeaveOut() throws Exception {
    VigilConfig config = load("""
        ingest:
          probes:
            - name: api
              url: https://example.com/health
              bodyContains: ok
            - name: db
              type: postgres
              url: postgresql://vigil:secret@127.0.0.1:5432/vigil
              intervalSeconds: 5
        """);
    assertThat(config.ingest().probes()).hasSize(2);
    ProbeConfig api = config.ingest().probes().get(0);
    assertThat(api.type()).isEqualTo(ProbeConfig.Type.HTTP);
    assertThat(api.intervalSeconds()).isEqualTo(30);
    assertThat(api.bodyContains()).isEqualTo("ok");
    assertThat(config.ingest().probes().get(1).type()).isEqualTo(ProbeConfig.Type.POSTGRES);
  }

  @Test
  void aBadProbeNamesItsIndexAndKey() {
    String probes = """
        ingest:
          probes:
            - {name: a, url: "http://h/"}
            - {name: b, type: redis, url: "redis://h:6379"}
            - {name: c, type: tcp, url: "%s"}
        """;
    assertThatThrownBy(() -> load(probes.formatted("http://h:1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("ingest.probes[2].url: must start with tcp://");
    assertThatThrownBy(() -> load(probes.formatted("tcp://h")))
        .hasMessageStartingWith("ingest.probes[2].url: must name a port");
    assertThatThrownBy(() -> load("ingest:\n  probes:\n    - {name: a, url: \"http://h/\", urll: x}\n"))
        .hasMessageStartingWith("ingest.probes[0].urll: unknown key");
    assertThatThrownBy(() -> load("ingest:\n  probes:\n    - {name: a, type: ftp, url: \"ftp://h/\"}\n"))
        .hasMessageStartingWith("ingest.probes[0].type: must be one of http, postgres, redis, tcp");
    assertThatThrownBy(() -> load("ingest:\n  probes:\n    - {name: a, url: \"http://h/\"}\n    - {name: a, url: \"http://g/\"}\n"))
        .hasMessageStartingWith("ingest.probes[1].name:");
  }

  @Test
  void badMetricTargetsAndAwsSettingsNameTheKey() {
    assertThatThrownBy(() -> load("ingest:\n  cloudwatch:\n    metrics:\n      - {namespace: AWS/ECS, statistic: Median}\n"))
        .hasMessageStartingWith("ingest.cloudwatch.metrics[0].statistic:");
    assertThatThrownBy(() -> load("ingest:\n  cloudwatch:\n    metrics:\n      - {namespace: AWS/ECS, dimensions: {ClusterName: [a, b]}}\n"))
        .hasMessageStartingWith("ingest.cloudwatch.metrics[0].dimensions.ClusterName:");
    assertThatThrownBy(() -> load("{}", "aws.endpointOverride=localhost:4566"))
        .hasMessageStartingWith("aws.endpointOverride:");
    assertThatThrownBy(() -> load("{}", "aws.roleArns=arn:aws:iam::12:role/x"))
        .hasMessageStartingWith("aws.roleArns[0]:");
    assertThatThrownBy(() -> load("{}", "ingest.cloudwatchLogs.enabled=true"))
        .hasMessageStartingWith("ingest.cloudwatchLogs.logGroups: must name at least one");
  }

  @Test
  void ecsServicesAndStacksLoadWithTheirServiceAndBadOnesNameTheirKey() throws Exception {
    VigilConfig config = load("""
        ingest:
          ecs:
            enabled: true
            clusters: [prod]
            services:
              - {cluster: prod, service: api-svc, name: api}
              - {cluster: staging, service: worker}
          cloudformation:
            enabled: true
            stacks:
              - {name: cache-stack, service: cache}
              - {name: network}
        """);
    assertThat(config.ingest().ecs().clusters()).containsExactly("prod");
    assertThat(config.ingest().ecs().services()).containsExactly(
        new EcsEventsConfig.Service("prod", "api-svc", "api"), new EcsEventsConfig.Service("staging", "worker", "worker"));
    assertThat(config.ingest().cloudformation().stacks()).containsExactly(
        new CloudFormationConfig.Stack("cache-stack", "cache"), new CloudFormationConfig.Stack("network", "network"));

    assertThatThrownBy(() -> load("ingest: {ecs: {enabled: true, services: [{cluster: prod}]}}"))
        .hasMessageStartingWith("ingest.ecs.services[0].service: must not be empty");
    assertThatThrownBy(() -> load("ingest: {ecs: {enabled: true, services: [{cluster: a, service: b}, {cluster: a, service: b}]}}"))
        .hasMessageStartingWith("ingest.ecs.services[1].service: \"a/b\" is listed twice");
    assertThatThrownBy(() -> load("ingest: {ecs: {enabled: true, services: [{cluster: a, service: b, colour: red}]}}"))
        .hasMessageStartingWith("ingest.ecs.services[0].colour: unknown key");
    assertThatThrownBy(() -> load("ingest: {ecs: {enabled: true}}"))
        .hasMessageStartingWith("ingest.ecs.services: must name at least one service");
    assertThatThrownBy(() -> load("ingest: {cloudformation: {enabled: true, stacks: [{name: 'bad name'}]}}"))
        .hasMessageStartingWith("ingest.cloudformation.stacks[0].name: must be a stack name");
    assertThatThrownBy(() -> load("ingest: {cloudformation: {enabled: true, stacks: [{name: s}, {name: s}]}}"))
        .hasMessageStartingWith("ingest.cloudformation.stacks[1].name: \"s\" is listed twice");
  }
}
