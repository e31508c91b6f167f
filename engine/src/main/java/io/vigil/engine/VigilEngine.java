package io.vigil.engine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vigil.alerting.AlertingRoutes;
import io.vigil.alerting.AlertingVerticle;
import io.vigil.alerting.notify.DeliveryVerticle;
import io.vigil.config.ConfigException;
import io.vigil.config.DeploymentsConfig;
import io.vigil.config.DetectionConfig;
import io.vigil.config.HealthConfig;
import io.vigil.config.RecommendationsConfig;
import io.vigil.config.VigilConfig;
import io.vigil.deployments.api.DeploymentBoard;
import io.vigil.deployments.api.DeploymentEventSink;
import io.vigil.deployments.api.DeploymentsRoutes;
import io.vigil.deployments.api.DeploymentsViewVerticle;
import io.vigil.deployments.checks.VerificationChecksVerticle;
import io.vigil.deployments.ecs.EcsServiceControl;
import io.vigil.deployments.stage.DeploymentInputs;
import io.vigil.deployments.stage.DeploymentsVerticle;
import io.vigil.deployments.stage.StageSettings;
import io.vigil.detection.DetectionVerticle;
import io.vigil.detectors.DetectorRegistry;
import io.vigil.detectors.DetectorType;
import io.vigil.diagnostics.api.DiagnosisBoard;
import io.vigil.diagnostics.api.DiagnosticsRoutes;
import io.vigil.diagnostics.api.DiagnosticsViewVerticle;
import io.vigil.diagnostics.stage.DiagnosticsVerticle;
import io.vigil.engine.sources.Sources;
import io.vigil.health.api.HealthBoard;
import io.vigil.health.api.HealthRoutes;
import io.vigil.health.api.HealthViewVerticle;
import io.vigil.health.api.InsightBoard;
import io.vigil.health.api.InsightRoutes;
import io.vigil.health.stage.HealthEventsVerticle;
import io.vigil.health.stage.HealthLogsVerticle;
import io.vigil.health.stage.HealthSignalsVerticle;
import io.vigil.health.stage.HealthVerticle;
import io.vigil.ingest.aws.AwsAccount;
import io.vigil.ingest.aws.AwsClients;
import io.vigil.recommendations.api.ActionLog;
import io.vigil.recommendations.api.RecommendationBoard;
import io.vigil.recommendations.api.RecommendationsRoutes;
import io.vigil.recommendations.api.RecommendationsViewVerticle;
import io.vigil.recommendations.ecs.EcsApplier;
import io.vigil.recommendations.ecs.EcsTaskCatalog;
import io.vigil.recommendations.stage.InputForwarders;
import io.vigil.recommendations.stage.RecommenderSetup;
import io.vigil.recommendations.stage.RecommenderVerticle;
import io.vigil.logpatterns.api.PatternBoard;
import io.vigil.logpatterns.api.PatternRoutes;
import io.vigil.logpatterns.api.PatternsViewVerticle;
import io.vigil.logpatterns.PatternOverflow;
import io.vigil.logpatterns.stage.LogPatternsVerticle;
import io.vigil.ingest.IngestPublisher;
import io.vigil.ingest.demo.DemoWorkload;
import io.vigil.ingest.demo.DemoWorkloadVerticle;
import io.vigil.kafka.CatchUp;
import io.vigil.kafka.EmbeddedKafka;
import io.vigil.kafka.KafkaClientMeters;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.TopicSetup;
import io.vigil.model.LogEvent;
import io.vigil.model.MetricPoint;
import io.vigil.model.ServiceResolver;
import io.vigil.view.ReadModelVerticle;
import io.vigil.view.ReadStore;
import io.vigil.view.SeriesCap;
import io.vigil.web.ApiExtension;
import io.vigil.web.ApiVerticle;
import io.vigil.web.AuditTrail;
import io.vigil.web.IngestSink;
import io.vigil.web.StreamInterest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Vigil process: the embedded broker (unless an external cluster is configured), the
 * topics, and the pipeline's verticles. {@link #start} completes when the HTTP port is bound and
 * every stage is deployed; {@link #close} closes Vert.x, which undeploys every verticle (each stage
 * checkpoints on its way out), and then stops the embedded broker.
 */
public final class VigilEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VigilEngine.class);

  private final Vertx vertx;
  private final VigilConfig config;
  private final Optional<EmbeddedKafka> embeddedKafka;
  private final String bootstrap;
  private final ApiVerticle api;

  private VigilEngine(Vertx vertx, VigilConfig config, Optional<EmbeddedKafka> embeddedKafka, String bootstrap, ApiVerticle api) {
    this.vertx = vertx;
    this.config = config;
    this.embeddedKafka = embeddedKafka;
    this.bootstrap = bootstrap;
    this.api = api;
  }

  /** The configured detector type with its settings applied; a bad name or setting fails naming the key. */
  static DetectorType detectorType(DetectionConfig detection) {
    DetectorType type;
    try {
      type = DetectorRegistry.load().byName(detection.detector());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("detection.detector", e.getMessage());
    }
    try {
      return type.withSettings(detection.settings());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("detection.settings", e.getMessage());
    }
  }

  /** Starts everything; blocks the calling thread (not an event loop) until ready or failed. */
  public static VigilEngine start(VigilConfig config, Clock clock) {
    DetectorType detectorType = detectorType(config.detection());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Gauge.builder("vigil.build.info", () -> 1).description("Vigil's version, as a label; always 1")
        .tag("version", version()).register(registry);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    Optional<EmbeddedKafka> embedded = Optional.empty();
    try {
      if (config.kafka().embedded()) {
        embedded = Optional.of(EmbeddedKafka.start(config.storage().dataDir().resolve("kafka")));
      }
      String bootstrap = embedded.map(EmbeddedKafka::bootstrapServers).orElse(config.kafka().bootstrapServers());
      TopicSetup.ensureTopics(bootstrap, config.kafka());
      KafkaEndpoint kafka = new KafkaEndpoint(config.kafka(), bootstrap, KafkaClientMeters.to(registry));

      AtomicBoolean deployed = new AtomicBoolean();
      KafkaAdminClient admin = KafkaAdminClient.create(vertx, Map.of("bootstrap.servers", bootstrap, "request.timeout.ms", "5000", "default.api.timeout.ms", "5000"));
      HealthChecks liveness = HealthChecks.create(vertx).register("engine", promise -> promise.complete(Status.OK()));
      HealthChecks readiness = HealthChecks.create(vertx)
          .register("kafka", 6_000, promise -> admin.describeCluster()
              .onSuccess(cluster -> promise.complete(Status.OK(new JsonObject().put("nodes", cluster.getNodes().size()))))
              .onFailure(failure -> promise.complete(Status.KO(new JsonObject().put("error", String.valueOf(failure.getMessage()))))))
          .register("pipeline", promise -> promise.complete(deployed.get() ? Status.OK() : Status.KO()));
      // Ready only once the API shows what Kafka held at start, not an empty or partial history.
      CatchUp catchUp = new CatchUp();
      readiness.register("readModel", promise -> promise.complete(
          catchUp.caughtUp() ? Status.OK(catchUp.progress()) : Status.KO(catchUp.progress())));

      CatchUp healthCatchUp = new CatchUp();
      readiness.register("healthView", promise -> promise.complete(!healthConfig(config).enabled() || healthCatchUp.caughtUp()
          ? Status.OK(healthCatchUp.progress()) : Status.KO(healthCatchUp.progress())));

      ReadStore store = new ReadStore(config.readModel());
      SeriesCap seriesCap = new SeriesCap(store, config.series());
      IngestPublisher publisher = IngestPublisher.create(vertx, kafka);
      List<ApiExtension> extensions = new ArrayList<>();
      if (config.alerting().enabled()) {
        extensions.add(new AlertingRoutes(config.auth(), config.http(), new AuditTrail(publisher::publishAudit, clock, config.auth().tokenSet())));
      }
      HealthConfig health = healthConfig(config);
      HealthBoard healthBoard = new HealthBoard();
      InsightBoard insightBoard = new InsightBoard();
      if (health.enabled()) {
        extensions.add(new HealthRoutes(healthBoard));
        extensions.add(new InsightRoutes(insightBoard));
      }
      RecommendationsConfig recommendations = recommendationsConfig(config);
      RecommendationBoard recommendationBoard = new RecommendationBoard();
      Optional<EcsTaskCatalog> ecs = recommendations.enabled() && recommendations.ecs().enabled()
          ? Optional.of(new EcsTaskCatalog(AwsClients.ecs(config.aws(), AwsAccount.defaultCredentials()), vertx.createSharedWorkerExecutor("vigil-ecs", 2)))
          : Optional.empty();
      if (recommendations.enabled()) {
        extensions.add(new RecommendationsRoutes(recommendationBoard, recommendations, ecs.map(EcsApplier::new),
            ActionLog.kafka(vertx, kafka, recommendationBoard), new AuditTrail(publisher::publishAudit, clock, config.auth().tokenSet()),
            config.auth(), config.http(), clock));
      }
      DeploymentsConfig deploymentsConfig = config.deployments();
      DeploymentBoard deploymentBoard = new DeploymentBoard();
      Optional<EcsServiceControl> deploymentsEcs = deploymentsConfig.enabled() && deploymentsConfig.ecs().enabled()
          ? Optional.of(new EcsServiceControl(AwsClients.ecs(config.aws(), AwsAccount.defaultCredentials()), vertx.createSharedWorkerExecutor("vigil-ecs", 2)))
          : Optional.empty();
      if (deploymentsConfig.enabled()) {
        extensions.add(new DeploymentsRoutes(deploymentBoard, DeploymentEventSink.kafka(vertx, kafka),
            new AuditTrail(publisher::publishAudit, clock, config.auth().tokenSet()), config.auth(), config.http(), clock));
      }
      PatternBoard patternBoard = new PatternBoard();
      PatternOverflow patternOverflow = new PatternOverflow();
      Gauge.builder("vigil.logpatterns.saturated.groups", patternOverflow, PatternOverflow::saturatedGroups)
          .description("Log groups whose template miner reached logPatterns.maxTemplatesPerGroup and mines no new templates")
          .register(registry);
      Gauge.builder("vigil.logpatterns.overflow.lines", patternOverflow, PatternOverflow::overflowLines)
          .description("Lines of saturated log groups counted without being mined into a template")
          .register(registry);
      if (config.logPatterns().enabled()) {
        extensions.add(new PatternRoutes(patternBoard));
      }
      DiagnosisBoard diagnosisBoard = new DiagnosisBoard(config.diagnostics().maxEvidence());
      if (config.diagnostics().enabled()) {
        extensions.add(new DiagnosticsRoutes(diagnosisBoard, clock, config.diagnostics().windowHours()));
      }
      // CloudWatch metrics and logs, probes, and GET /api/v1/sources.
      Sources sources = new Sources(config, kafka, publisher, clock, seriesCap, patternOverflow);
      extensions.add(sources.routes());
      StreamInterest streamInterest = new StreamInterest();
      ApiVerticle api = new ApiVerticle(config.http(), ingestSink(publisher), store, liveness, readiness, registry, clock, extensions)
          .withSeriesBudget(seriesCap)
          .withStreamInterest(streamInterest);
      ServiceResolver services = new ServiceResolver(config.series().serviceDimensions());

      List<Future<String>> deployments = new ArrayList<>();
      deployments.add(vertx.deployVerticle(new ReadModelVerticle(kafka, store, config.readModel(), catchUp, streamInterest)));
      deployments.add(vertx.deployVerticle(new DetectionVerticle(kafka, config.detection(), detectorType, services, registry, clock)));
      if (config.alerting().enabled()) {
        deployments.add(vertx.deployVerticle(new AlertingVerticle(kafka, config.alerting(), clock,
            config.alerting().externalUrlOr(config.http().host(), config.http().port()))));
        deployments.add(vertx.deployVerticle(new DeliveryVerticle(kafka, config.alerting(), clock, new Random(), registry)));
      }
      if (health.enabled()) {
        deployments.add(vertx.deployVerticle(new HealthViewVerticle(kafka, healthBoard, insightBoard, healthCatchUp)));
        deployments.add(vertx.deployVerticle(new HealthSignalsVerticle(kafka, health, config.detection())));
        deployments.add(vertx.deployVerticle(new HealthLogsVerticle(kafka, health, config.series().logGroups())));
        deployments.add(vertx.deployVerticle(new HealthEventsVerticle(kafka, health, config.diagnostics().catalog())));
        deployments.add(vertx.deployVerticle(new HealthVerticle(kafka, health, healthBoard, clock)));
      }
      if (recommendations.enabled()) {
        deployments.add(vertx.deployVerticle(new RecommendationsViewVerticle(kafka, recommendationBoard)));
        deployments.add(vertx.deployVerticle(InputForwarders.points(kafka, recommendations.checkpointIntervalSeconds())));
        deployments.add(vertx.deployVerticle(InputForwarders.kills(kafka, recommendations.checkpointIntervalSeconds())));
        deployments.add(vertx.deployVerticle(new RecommenderVerticle(kafka, recommendations,
            RecommenderSetup.settings(recommendations, config.aws().region()), RecommenderSetup.configuredSizes(recommendations), ecs, clock)));
      }
      if (deploymentsConfig.enabled()) {
        DeploymentInputs inputs = new DeploymentInputs(services, health.serviceAliases(),
            StageSettings.of(deploymentsConfig).judge().settings().directions().keySet());
        int interval = deploymentsConfig.checkpointIntervalSeconds();
        deployments.add(vertx.deployVerticle(new DeploymentsViewVerticle(kafka, deploymentBoard)));
        deployments.add(vertx.deployVerticle(io.vigil.deployments.stage.InputForwarders.points(kafka, inputs, interval)));
        deployments.add(vertx.deployVerticle(io.vigil.deployments.stage.InputForwarders.events(kafka, interval)));
        deployments.add(vertx.deployVerticle(io.vigil.deployments.stage.InputForwarders.diagnostics(kafka, interval)));
        deployments.add(vertx.deployVerticle(new DeploymentsVerticle(kafka, deploymentsConfig, deploymentsEcs, recommendations.services(), clock)));
        if (deploymentsConfig.checks().enabled() && !config.ingest().probes().isEmpty()) {
          deployments.add(vertx.deployVerticle(new VerificationChecksVerticle(kafka, deploymentsConfig.checks(), config.ingest().probes(),
              health.serviceAliases(), deploymentBoard, clock)));
        }
      }
      if (config.logPatterns().enabled()) {
        deployments.add(vertx.deployVerticle(new PatternsViewVerticle(kafka, patternBoard)));
        deployments.add(vertx.deployVerticle(new LogPatternsVerticle(kafka, config.logPatterns(), config.series().logGroups(), clock, patternOverflow)));
      }
      if (config.diagnostics().enabled()) {
        deployments.add(vertx.deployVerticle(new DiagnosticsViewVerticle(kafka, diagnosisBoard)));
        for (DiagnosticsVerticle.Input input : DiagnosticsVerticle.Input.values()) {
          deployments.add(vertx.deployVerticle(new DiagnosticsVerticle(kafka, config.diagnostics(), config.series().logGroups(),
              config.logPatterns().maxLineChars(), input)));
        }
      }
      deployments.add(api.deploy(vertx).map(port -> "api"));
      if (config.demo().enabled()) {
        deployments.add(vertx.deployVerticle(new DemoWorkloadVerticle(config.demo(), clock, kafka)));
      }
      deployments.addAll(sources.deploy(vertx));
      Future.all(deployments).await();
      deployed.set(true);
      LOG.info("Vigil is running: http://{}:{}/ (Kafka {}{}, detector '{}', demo {})",
          config.http().host(), api.actualPort(), bootstrap, embedded.isPresent() ? ", embedded" : "",
          detectorType.name(), config.demo().enabled() ? "on" : "off");
      return new VigilEngine(vertx, config, embedded, bootstrap, api);
    } catch (RuntimeException e) {
      vertx.close().await();
      embedded.ifPresent(EmbeddedKafka::close);
      throw e;
    }
  }

  /** The Kafka publisher as the API's ingest sink. */
  private static IngestSink ingestSink(IngestPublisher publisher) {
    return new IngestSink() {
      @Override
      public Future<Void> publishPoints(List<MetricPoint> points, String requestId) {
        return publisher.publishPoints(points, requestId);
      }

      @Override
      public Future<Void> publishLogEvents(List<LogEvent> events, String requestId) {
        return publisher.publishLogEvents(events, requestId);
      }
    };
  }

  /** The health section, with the demo's own dependency map and aliases while the demo runs and none are configured. */
  static HealthConfig healthConfig(VigilConfig config) {
    return config.demo().enabled()
        ? config.health().withDefaultMaps(DemoWorkload.HEALTH_DEPENDENCIES, DemoWorkload.HEALTH_ALIASES)
        : config.health();
  }

  /** The recommendations section, with the demo's own task sizes while the demo runs (configured sizes win). */
  static RecommendationsConfig recommendationsConfig(VigilConfig config) {
    return config.demo().enabled() ? config.recommendations().withDefaultServices(DemoWorkload.TASK_SIZES) : config.recommendations();
  }

  /** The version in the jar's manifest, or "development" when run from classes. */
  public static String version() {
    String version = VigilEngine.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  /** The port the HTTP API is bound to. */
  public int httpPort() {
    return api.actualPort();
  }

  public String bootstrapServers() {
    return bootstrap;
  }

  public Vertx vertx() {
    return vertx;
  }

  public VigilConfig config() {
    return config;
  }

  /** Undeploys every stage (detectors checkpoint on the way out), then stops the broker. */
  @Override
  public void close() {
    try {
      vertx.close().await();
    } finally {
      embeddedKafka.ifPresent(EmbeddedKafka::close);
    }
  }
}
