package io.vigil.engine.sources;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vigil.config.VigilConfig;
import io.vigil.ingest.IngestPublisher;
import io.vigil.ingest.aws.AwsAccount;
import io.vigil.ingest.aws.AwsClients;
import io.vigil.ingest.cloudformation.CloudFormationSource;
import io.vigil.ingest.cloudwatch.CloudWatchMetricsSource;
import io.vigil.ingest.ecs.EcsEventsSource;
import io.vigil.ingest.logs.CloudWatchLogsSource;
import io.vigil.ingest.probe.ProbeVerticle;
import io.vigil.ingest.source.SourceStatus;
import io.vigil.ingest.source.SourceStatusBoard;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.logpatterns.PatternOverflow;
import io.vigil.web.ApiExtension;
import io.vigil.web.SeriesBudget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the pulling sources into the engine: one CloudWatch metrics, one CloudWatch Logs, one ECS
 * events and one CloudFormation source per account when enabled, the probes, and {@code GET /api/v1/sources} over their status board.
 */
public final class Sources {

  private final VigilConfig config;
  private final KafkaEndpoint kafka;
  private final IngestPublisher publisher;
  private final Clock clock;
  private final SourceStatusBoard board = new SourceStatusBoard();
  private final SeriesBudget series;
  private final PatternOverflow patternOverflow;

  public Sources(VigilConfig config, KafkaEndpoint kafka, IngestPublisher publisher, Clock clock, SeriesBudget series,
      PatternOverflow patternOverflow) {
    this.patternOverflow = patternOverflow;
    this.config = config;
    this.series = series;
    this.kafka = kafka;
    this.publisher = publisher;
    this.clock = clock;
  }

  public SourceStatusBoard board() {
    return board;
  }

  /**
   * {@code GET /api/v1/sources}: every source's state, lag, last error and backoff, how many
   * series this process takes points for of how many it may, and the log groups whose template
   * miner is at its cap.
   */
  public ApiExtension routes() {
    return (Router router, Vertx vertx) -> router.get("/api/v1/sources").handler(context -> {
      JsonArray sources = new JsonArray();
      board.all().forEach(status -> sources.add(status.toJson()));
      context.response()
          .putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store")
          .end(new JsonObject().put("sources", sources)
              .put("series", new JsonObject().put("count", series.count()).put("limit", series.limit()))
              .put("logPatterns", logPatterns()).encode());
    });
  }

  /** The log groups at their template cap in this process: they mine no new templates, and count the lines they turn away. */
  private JsonObject logPatterns() {
    JsonObject groups = new JsonObject();
    patternOverflow.groups().forEach((group, figures) -> groups.put(group,
        new JsonObject().put("templates", figures.templates()).put("overflowLines", figures.overflowLines())));
    return new JsonObject().put("maxTemplatesPerGroup", config.logPatterns().maxTemplatesPerGroup()).put("saturatedGroups", groups);
  }

  /** Deploys every enabled source; the futures complete when each verticle is deployed. */
  public List<Future<String>> deploy(Vertx vertx) {
    List<Future<String>> deployments = new ArrayList<>();
    List<AwsAccount> accounts = AwsClients.accounts(config.aws());
    for (AwsAccount account : accounts) {
      String metricsName = sourceName("cloudwatch-metrics", account, accounts);
      String logsName = sourceName("cloudwatch-logs", account, accounts);
      if (config.ingest().cloudwatch().enabled()) {
        deployments.add(vertx.deployVerticle(new CloudWatchMetricsSource(metricsName, config.aws(), account,
            config.ingest().cloudwatch(), kafka, board, clock)));
      } else {
        board.put(disabled(metricsName, "cloudwatch-metrics", "ingest.cloudwatch.enabled is false"));
      }
      if (config.ingest().cloudwatchLogs().enabled()) {
        deployments.add(vertx.deployVerticle(new CloudWatchLogsSource(logsName, config.aws(), account,
            config.ingest().cloudwatchLogs(), kafka, board, clock)));
      } else {
        board.put(disabled(logsName, "cloudwatch-logs", "ingest.cloudwatchLogs.enabled is false"));
      }
      String ecsName = sourceName("ecs", account, accounts);
      if (config.ingest().ecs().enabled()) {
        deployments.add(vertx.deployVerticle(new EcsEventsSource(ecsName, config.aws(), account, config.ingest().ecs(), kafka, board, clock)));
      } else {
        board.put(disabled(ecsName, "ecs", "ingest.ecs.enabled is false"));
      }
      String stacksName = sourceName("cloudformation", account, accounts);
      if (config.ingest().cloudformation().enabled()) {
        deployments.add(vertx.deployVerticle(new CloudFormationSource(stacksName, config.aws(), account,
            config.ingest().cloudformation(), kafka, board, clock)));
      } else {
        board.put(disabled(stacksName, "cloudformation", "ingest.cloudformation.enabled is false"));
      }
    }
    if (!config.ingest().probes().isEmpty()) {
      deployments.add(vertx.deployVerticle(new ProbeVerticle(config.ingest().probes(), publisher, board, clock, kafka)));
    }
    return deployments;
  }

  private static String sourceName(String kind, AwsAccount account, List<AwsAccount> accounts) {
    return accounts.size() == 1 && account.roleArn().isEmpty() ? kind : kind + "-" + account.label();
  }

  private static SourceStatus disabled(String name, String kind, String why) {
    return new SourceStatus(name, kind, "disabled", 0, "", 0, 0, 0, 0, -1, new JsonObject().put("reason", why));
  }
}
