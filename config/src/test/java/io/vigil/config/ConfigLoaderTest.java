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

class ConfigLoaderTest {

  private Vertx vertx;

  @BeforeEach
  void createVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  @Test
  void defaultsLoadIntoEverySection() {
    VigilConfig config = new ConfigLoader(vertx).load().await();
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.http().host()).isEqualTo("127.0.0.1");
    assertThat(config.kafka().embedded()).isTrue();
    assertThat(config.demo().enabled()).isTrue();
    assertThat(config.series().serviceDimensions()).containsExactly("ServiceName", "LoadBalancer", "DBInstanceIdentifier", "CacheClusterId");
  }

  @Test
  void layersOverrideInOrderFileThenEnvironmentThenSet(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vigil.yaml");
    Files.writeString(file, "http:\n  port: 9000\n  host: 0.0.0.0\nkafka:\n  partitions: 3\n");
    VigilConfig config = new ConfigLoader(vertx)
        .file(file)
        .environment(Map.of("VIGIL_HTTP_PORT", "9100", "VIGIL_KAFKA_BOOTSTRAP_SERVERS", "broker:9092", "VIGIL_DEMO_ENABLED", "false"))
        .assignments(List.of("http.port=9200", "series.serviceDimensions=Service, LoadBalancer"))
        .load().await();
    assertThat(config.http().port()).isEqualTo(9200);
    assertThat(config.http().host()).isEqualTo("0.0.0.0");
    assertThat(config.kafka().partitions()).isEqualTo(3);
    assertThat(config.kafka().bootstrapServers()).isEqualTo("broker:9092");
    assertThat(config.kafka().embedded()).isFalse();
    assertThat(config.demo().enabled()).isFalse();
    assertThat(config.series().serviceDimensions()).containsExactly("Service", "LoadBalancer");
  }

  @Test
  void minInsyncReplicasIsLeftToTheBrokerUnlessSetAndNeverAboveTheReplicationFactor() {
    assertThat(new ConfigLoader(vertx).load().await().kafka().minInsyncReplicas()).isZero();
    KafkaConfig cluster = new ConfigLoader(vertx).assignments(List.of("kafka.replicationFactor=3", "kafka.minInsyncReplicas=2")).load().await().kafka();
    assertThat(cluster.replicationFactor()).isEqualTo((short) 3);
    assertThat(cluster.minInsyncReplicas()).isEqualTo(2);
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("kafka.minInsyncReplicas=2")).load().await())
        .hasMessage("kafka.minInsyncReplicas: must be at most kafka.replicationFactor (1), was 2");
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("kafka.minInsyncReplicas=-1")).load().await())
        .hasMessageStartingWith("kafka.minInsyncReplicas: must be a whole number from 0 to 7");
  }

  @Test
  void producersCompressWithLz4UnlessToldAnotherOfKafkasTypes() {
    assertThat(new ConfigLoader(vertx).load().await().kafka().producerProperties("b:9092")).containsEntry("compression.type", "lz4");
    assertThat(new ConfigLoader(vertx).assignments(List.of("kafka.compression=none")).load().await().kafka().producerProperties("b:9092"))
        .containsEntry("compression.type", "none");
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("kafka.compression=brotli")).load().await())
        .hasMessage("kafka.compression: must be one of none, gzip, snappy, lz4, zstd, was \"brotli\"");
  }

  @Test
  void producersWaitForEveryInSyncReplicaAreIdempotentAndGiveUpWithinTheAckTimeout() {
    KafkaConfig kafka = new ConfigLoader(vertx).assignments(List.of("kafka.ackTimeoutMillis=8000")).load().await().kafka();
    Map<String, String> producer = kafka.producerProperties("broker:9092");
    assertThat(producer).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
        .containsEntry("delivery.timeout.ms", "8000").containsEntry("max.block.ms", "8000");
    assertThat(Integer.parseInt(producer.get("request.timeout.ms")) + Integer.parseInt(producer.getOrDefault("linger.ms", "0")))
        .as("Kafka refuses a delivery timeout below linger plus request timeout").isLessThanOrEqualTo(8000);
  }

  @Test
  void detectorSettingsComeFromTheFileAndFromSet(@TempDir Path dir) throws Exception {
    assertThat(new ConfigLoader(vertx).load().await().detection().settings()).isEmpty();
    Path file = dir.resolve("detector.yaml");
    Files.writeString(file, "detection:\n  settings:\n    cusumUnit: 4\n    viewShares: [0.1, 0.2]\n");
    VigilConfig config = new ConfigLoader(vertx).file(file).assignments(List.of("detection.settings.warmUpPoints=80")).load().await();
    assertThat(config.detection().settings())
        .containsExactlyInAnyOrderEntriesOf(Map.of("cusumUnit", "4", "viewShares", "0.1,0.2", "warmUpPoints", "80"));
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("detection.settings=4")).load().await())
        .hasMessageStartingWith("detection.settings: must be a map of setting names to values");
  }

  @Test
  void logPatternsLoadAndABadValueOrKeyIsNamed() {
    LogPatternsConfig defaults = new ConfigLoader(vertx).load().await().logPatterns();
    assertThat(defaults.enabled()).isTrue();
    assertThat(defaults.warmupLines()).isEqualTo(1000);
    LogPatternsConfig set = new ConfigLoader(vertx)
        .assignments(List.of("logPatterns.activeMinutes=30")).load().await().logPatterns();
    assertThat(set.activeMinutes()).isEqualTo(30);
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("logPatterns.maxLineChars=3")).load().await())
        .hasMessageContaining("logPatterns.maxLineChars");
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("logPatterns.warmup=3")).load().await())
        .hasMessageContaining("logPatterns.warmup");
  }

  @Test
  void deploymentsLoadAndABadValueOrKeyIsNamed() {
    DeploymentsConfig defaults = new ConfigLoader(vertx).load().await().deployments();
    assertThat(defaults.enabled()).isTrue();
    assertThat(defaults.autoRollback()).isFalse();
    assertThat(defaults.baselineMinutes()).isEqualTo(30);
    assertThat(defaults.verifyMinutes()).isEqualTo(15);
    assertThat(defaults.monitorMinutes()).isEqualTo(60);
    DeploymentsConfig set = new ConfigLoader(vertx).assignments(List.of("deployments.weights.TargetResponseTime=5",
        "deployments.directions.QueueDepth=higher-is-worse", "deployments.autoRollback=true")).load().await().deployments();
    assertThat(set.weights()).containsEntry("TargetResponseTime", 5.0);
    assertThat(set.directions()).containsEntry("QueueDepth", "higher-is-worse");
    assertThat(set.autoRollback()).isTrue();
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("deployments.directions.QueueDepth=up")).load().await())
        .hasMessageStartingWith("deployments.directions.QueueDepth: must be higher-is-worse");
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("deployments.failScore=99")).load().await())
        .hasMessageStartingWith("deployments.passScore: must not be below deployments.failScore");
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("deployments.scaleOut.factor=0.5")).load().await())
        .hasMessageContaining("deployments.scaleOut.factor");
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("deployments.autoRollbak=true")).load().await())
        .hasMessageContaining("deployments.autoRollbak");
  }

  @Test
  void environmentNamesFollowTheKeys() {
    assertThat(ConfigLoader.environmentName("http.port")).isEqualTo("VIGIL_HTTP_PORT");
    assertThat(ConfigLoader.environmentName("kafka.bootstrapServers")).isEqualTo("VIGIL_KAFKA_BOOTSTRAP_SERVERS");
    assertThat(ConfigLoader.environmentName("readModel.maxAnomalies")).isEqualTo("VIGIL_READ_MODEL_MAX_ANOMALIES");
  }

  @Test
  void unknownKeysAreNamed(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("http.prot=1")).load().await())
        .isInstanceOf(ConfigException.class)
        .hasMessage("http.prot: unknown key");
    Path file = dir.resolve("typo.yaml");
    Files.writeString(file, "detecton:\n  detector: default\n");
    assertThatThrownBy(() -> new ConfigLoader(vertx).file(file).load().await())
        .isInstanceOf(ConfigException.class)
        .hasMessage("detecton: unknown key");
  }

  @Test
  void badValuesAreNamedWithTheirRange() {
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("http.port=eighty")).load().await())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("http.port: must be a whole number from 0 to 65535");
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("demo.enabled=yes")).load().await())
        .hasMessageStartingWith("demo.enabled: must be true or false");
    assertThatThrownBy(() -> new ConfigLoader(vertx).environment(Map.of("VIGIL_DETECTION_ANOMALY_THRESHOLD", "1.5")).load().await())
        .hasMessageStartingWith("detection.anomalyThreshold: must be a number from 0.0 to 1.0");
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("detection.criticalThreshold=0.1")).load().await())
        .hasMessageStartingWith("detection.criticalThreshold: must not be below detection.anomalyThreshold");
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("no-equals-sign")).load().await())
        .hasMessageStartingWith("--set: expects key=value");
  }

  @Test
  void namespaceLimitsDefaultToTheProcessShareAndABadOneIsNamed() {
    VigilConfig defaults = new ConfigLoader(vertx).load().await();
    assertThat(defaults.series().limitOf("AWS/ECS")).isEqualTo(50_000);
    VigilConfig own = new ConfigLoader(vertx).assignments(List.of("series.namespaceLimits.Custom/App=500")).load().await();
    assertThat(own.series().limitOf("Custom/App")).isEqualTo(500);
    assertThat(own.series().limitOf("AWS/ECS")).isEqualTo(50_000);
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("series.namespaceLimits.Custom/App=0")).load().await())
        .hasMessageStartingWith("series.namespaceLimits.Custom/App: must be a whole number from 1");
  }

  @Test
  void aConfiguredButDisabledSourceStopsStartUpNamingBothKeys() {
    assertThatThrownBy(() -> new ConfigLoader(vertx).environment(Map.of())
        .assignments(List.of("ingest.cloudwatchLogs.logGroups=/ecs/api")).load().await())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ingest.cloudwatchLogs.logGroups").hasMessageContaining("ingest.cloudwatchLogs.enabled");
    assertThatThrownBy(() -> new ConfigLoader(vertx).environment(Map.of())
        .assignments(List.of("aws.roleArns=arn:aws:iam::123456789012:role/vigil")).load().await())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("aws.roleArns").hasMessageContaining("ingest.cloudwatch.enabled");
    assertThatThrownBy(() -> new ConfigLoader(vertx).environment(Map.of())
        .assignments(List.of("ingest.ecs.clusters=prod")).load().await())
        .hasMessageContaining("ingest.ecs.clusters").hasMessageContaining("ingest.ecs.enabled");
    assertThatThrownBy(() -> new ConfigLoader(vertx).environment(Map.of())
        .assignments(List.of("ingest.cloudformation.enabled=true")).load().await())
        .hasMessageStartingWith("ingest.cloudformation.stacks: must name at least one stack");
    VigilConfig enabled = new ConfigLoader(vertx).environment(Map.of())
        .assignments(List.of("ingest.cloudwatchLogs.logGroups=/ecs/api", "ingest.cloudwatchLogs.enabled=true")).load().await();
    assertThat(enabled.ingest().cloudwatchLogs().logGroups()).containsExactly("/ecs/api");
  }

  @Test
  void aUserCatalogWithAnInvalidRegexStopsStartUpNamingTheSignatureAndTheKey(@TempDir Path folder) throws Exception {
    Path catalog = folder.resolve("signatures.yaml");
    Files.writeString(catalog, """
        signatures:
          - {id: slow-disk, category: capacity, severity: warning, title: t, explanation: e, steps: [s], match: {logs: ['io wait [']}}
        """);
    assertThatThrownBy(() -> new ConfigLoader(vertx).environment(Map.of())
        .assignments(List.of("diagnostics.catalogFile=" + catalog)).load().await())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("signatures.yaml: signatures[0] (slow-disk).match.logs[0]: is not a valid regex");
    assertThat(new ConfigLoader(vertx).environment(Map.of()).load().await().diagnostics().catalog().signatures()).hasSizeGreaterThan(9);
  }

  @Test
  void theLogFormatIsTextOrJson() {
    assertThat(new ConfigLoader(vertx).environment(Map.of()).load().await().log().format()).isEqualTo(LogConfig.Format.TEXT);
    assertThat(new ConfigLoader(vertx).environment(Map.of("VIGIL_LOG_FORMAT", "json")).load().await().log().format()).isEqualTo(LogConfig.Format.JSON);
    assertThatThrownBy(() -> new ConfigLoader(vertx).environment(Map.of()).assignments(List.of("log.format=xml")).load().await())
        .isInstanceOf(ConfigException.class).hasMessageContaining("log.format").hasMessageContaining("text or json");
  }

  @Test
  void aMissingConfigFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("absent.yaml");
    assertThatThrownBy(() -> new ConfigLoader(vertx).file(missing).load().await())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--config").hasMessageContaining(missing.toString());
  }

  @Test
  void allowedOriginsAndHostsAreListsCheckedForShape() {
    VigilConfig defaults = new ConfigLoader(vertx).load().await();
    assertThat(defaults.http().allowedOrigins()).isEmpty();
    assertThat(defaults.http().allowedHosts()).isEmpty();
    VigilConfig set = new ConfigLoader(vertx)
        .assignments(List.of("http.allowedOrigins=https://Grafana.example.com, http://localhost:3000", "http.allowedHosts=vigil.internal,[fd00::1]"))
        .load().await();
    assertThat(set.http().allowedOrigins()).containsExactly("https://grafana.example.com", "http://localhost:3000");
    assertThat(set.http().allowedHosts()).containsExactly("vigil.internal", "[fd00::1]");
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("http.allowedOrigins=https://a.example/path")).load().await())
        .hasMessageStartingWith("http.allowedOrigins: must be origins");
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("http.allowedOrigins=grafana.example.com")).load().await())
        .hasMessageStartingWith("http.allowedOrigins: must be origins");
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("http.allowedHosts=vigil.internal:8080")).load().await())
        .hasMessageStartingWith("http.allowedHosts: must be host names without a port");
  }

  @Test
  void connectionAndStreamLimitsDefaultToTheDocumentedValuesAndAreRangeChecked() {
    VigilConfig defaults = new ConfigLoader(vertx).load().await();
    assertThat(defaults.http().connections()).isEqualTo(new ConnectionLimits(60, 10_000, 256, 0, 200)).isEqualTo(ConnectionLimits.DEFAULTS);
    assertThat(defaults.http().connections().limitsRequestRate()).as("no request rate unless set").isFalse();
    assertThat(defaults.http().stream()).isEqualTo(new StreamLimits(100, 65_536)).isEqualTo(StreamLimits.DEFAULTS);
    VigilConfig set = new ConfigLoader(vertx).assignments(List.of("http.idleTimeoutSeconds=0", "http.headerTimeoutMillis=250",
        "http.maxConnectionsPerAddress=3", "http.maxStreamSubscriptions=5", "http.maxStreamMessageBytes=2048",
        "http.requestsPerSecond=50", "http.requestBurst=20")).load().await();
    assertThat(set.http().connections()).isEqualTo(new ConnectionLimits(0, 250, 3, 50, 20));
    assertThat(set.http().stream()).isEqualTo(new StreamLimits(5, 2048));
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("http.headerTimeoutMillis=10")).load().await())
        .hasMessageStartingWith("http.headerTimeoutMillis: must be a whole number from 100 to 600000");
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("http.requestBurst=0")).load().await())
        .hasMessageStartingWith("http.requestBurst: must be a whole number from 1 to");
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("http.maxConnectionsPerAddress=0")).load().await())
        .hasMessageStartingWith("http.maxConnectionsPerAddress: must be a whole number from 1 to");
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("http.maxStreamMessageBytes=100")).load().await())
        .hasMessageStartingWith("http.maxStreamMessageBytes: must be a whole number from 1024 to");
    assertThatThrownBy(() -> new ConfigLoader(vertx).assignments(List.of("http.maxStreamSubscriptions=-1")).load().await())
        .hasMessageStartingWith("http.maxStreamSubscriptions: must be a whole number from 1 to");
  }
}
