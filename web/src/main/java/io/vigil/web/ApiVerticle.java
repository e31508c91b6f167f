package io.vigil.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vigil.config.ConnectionLimits;
import io.vigil.config.HttpConfig;
import io.vigil.ingest.push.FieldError;
import io.vigil.ingest.push.LogBatchParser;
import io.vigil.ingest.push.MetricBatchParser;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface: health, readiness and metrics, the push and read REST API, the WebSocket stream,
 * the OpenAPI document and the dashboard. Deployment fails if the port cannot be bound. Connections
 * are held to {@code http}'s idle and header timeouts and per-address cap by a {@link ConnectionGuard}.
 */
public final class ApiVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);
  private static final int MAX_BATCHES_IN_FLIGHT = 256;

  private final HttpConfig config;
  private final IngestSink publisher;
  private final ReadModel readModel;
  private final HealthChecks liveness;
  private final HealthChecks readiness;
  private final PrometheusMeterRegistry registry;
  private final Clock clock;
  private final List<ApiExtension> extensions;
  private HttpServer server;
  private SeriesBudget seriesBudget = SeriesBudget.unlimited();
  private ConnectionGuard guard;
  private StreamMeters streamMeters;

  public ApiVerticle(HttpConfig config, IngestSink publisher, ReadModel readModel, HealthChecks liveness,
      HealthChecks readiness, PrometheusMeterRegistry registry, Clock clock, List<ApiExtension> extensions) {
    this.config = config;
    this.publisher = publisher;
    this.readModel = readModel;
    this.liveness = liveness;
    this.readiness = readiness;
    this.registry = registry;
    this.clock = clock;
    this.extensions = List.copyOf(extensions);
  }

  @Override
  public Future<?> start() {
    ConnectionLimits connections = config.connections();
    guard = new ConnectionGuard(vertx, connections);
    server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port())
        .setIdleTimeout(connections.idleTimeoutSeconds())
        // Without h2c sniffing the HTTP/1 pipeline, and the connection handler, exist before the first byte.
        .setHttp2ClearTextEnabled(false)
        .setMaxWebSocketFrameSize(config.stream().maxMessageBytes())
        .setMaxWebSocketMessageSize(config.stream().maxMessageBytes()));
    return server.connectionHandler(guard::onConnection).invalidRequestHandler(new InvalidRequests()).requestHandler(router()).listen().onSuccess(bound ->
        LOG.info("HTTP API listening on http://{}:{}/", config.host(), bound.actualPort()));
  }

  /** Limits the series pushes may create (unlimited unless set); call before deploying. */
  public ApiVerticle withSeriesBudget(SeriesBudget budget) {
    this.seriesBudget = budget;
    return this;
  }

  /** The port the server is bound to (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** One set per verticle: the router may be built more than once (tests list its routes). */
  private StreamMeters streamMeters() {
    if (streamMeters == null) {
      streamMeters = new StreamMeters(registry);
    }
    return streamMeters;
  }

  Router router() {
    Router router = Router.router(vertx);
    long skewMillis = config.maxFutureSkewSeconds() * 1000;
    IngestRoutes ingest = new IngestRoutes(
        new MetricBatchParser(clock, config.maxPointsPerRequest(), skewMillis),
        new LogBatchParser(clock, config.maxLogEventsPerRequest(), skewMillis),
        publisher,
        seriesBudget,
        registry,
        MAX_BATCHES_IN_FLIGHT);
    QueryRoutes queries = new QueryRoutes(vertx, readModel);
    StreamRoute stream = new StreamRoute(vertx, config.stream(), config.connections().idleTimeoutSeconds(), streamMeters());

    router.route().handler(guard::onRequest);
    router.route().handler(RequestIds.handler());
    router.route().handler(new BrowserSafetyHandler(config));
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(liveness));
    router.get("/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness));
    router.get("/metrics").handler(context -> context.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(registry.scrape()));
    router.get("/openapi.yaml").handler(context -> context.response()
        .putHeader("Content-Type", "application/yaml")
        .sendFile("webroot/openapi.yaml"));

    if (config.connections().limitsRequestRate()) {
      router.route("/api/v1/*").handler(new RequestRateLimit(config.connections(), clock, registry));
    }
    router.route("/api/v1/*").handler(BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes()));
    router.post("/api/v1/metrics").handler(ingest::pushMetrics);
    router.post("/api/v1/logs").handler(ingest::pushLogs);
    router.get("/api/v1/series").handler(queries::series);
    router.get("/api/v1/series/:id/points").handler(queries::points);
    router.get("/api/v1/anomalies").handler(queries::anomalies);
    router.get("/api/v1/logs").handler(queries::logs);
    router.get("/api/v1/audit").handler(new AuditRoutes(readModel)::list);
    router.get("/api/v1/stream").handler(stream::handle);
    extensions.forEach(extension -> extension.mount(router, vertx));
    AllowedMethods allowedMethods = new AllowedMethods(router);
    router.route("/api/*").handler(allowedMethods::handle);
    DashboardAssets.mount(router);

    router.errorHandler(413, context -> ErrorResponses.send(context, 413, "request body too large: nothing was stored",
        List.of(new FieldError("body", "must be at most " + config.bodyLimitBytes() + " bytes"))));
    router.errorHandler(405, context -> ErrorResponses.send(context, 405, "method not allowed"));
    router.errorHandler(500, context -> {
      LOG.error("request {} {} failed", context.request().method(), context.request().path(), context.failure());
      ErrorResponses.send(context, 500, "internal error");
    });
    return router;
  }
}
