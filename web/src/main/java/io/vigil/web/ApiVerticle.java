package io.vigil.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
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
  private static final AtomicInteger RANDOM_PORT_KEYS = new AtomicInteger();

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
  private StreamInterest streamInterest = new StreamInterest();
  private Shared shared;

  /** What every instance of one server counts together. */
  private static final class Shared {
    final ConnectionGuard guard;
    final StreamMeters streamMeters;
    final Semaphore batchesInFlight = new Semaphore(MAX_BATCHES_IN_FLIGHT);
    /** Null without {@code http.requestsPerSecond}. */
    final RequestRateLimit rateLimit;
    /**
     * The port to listen on: the configured one, which every instance shares; for 0 (any free port)
     * a negative number of this server's own, Vert.x's way of binding one random port that the
     * servers naming the same negative number share (0 would give each instance a port of its own).
     */
    final int port;

    Shared(Vertx vertx, HttpConfig config, PrometheusMeterRegistry registry, Clock clock) {
      port = config.port() == 0 ? -RANDOM_PORT_KEYS.incrementAndGet() : config.port();
      guard = new ConnectionGuard(vertx, config.connections());
      streamMeters = new StreamMeters(registry);
      rateLimit = config.connections().limitsRequestRate() ? new RequestRateLimit(config.connections(), clock, registry) : null;
    }
  }

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

  /** Another instance of {@code first}'s server, sharing its limits and meters. */
  private ApiVerticle(ApiVerticle first) {
    this(first.config, first.publisher, first.readModel, first.liveness, first.readiness, first.registry, first.clock, first.extensions);
    this.seriesBudget = first.seriesBudget;
    this.streamInterest = first.streamInterest;
    this.shared = first.shared;
  }

  /**
   * Deploys the server on {@code http.eventLoops} event loops (one per core for 0): this verticle
   * and copies of it on the one port; answers with the port bound.
   */
  public Future<Integer> deploy(Vertx vertx) {
    int instances = config.serverInstances();
    shared = new Shared(vertx, config, registry, clock);
    AtomicInteger made = new AtomicInteger();
    return vertx.deployVerticle(() -> made.getAndIncrement() == 0 ? this : new ApiVerticle(this),
            new DeploymentOptions().setThreadingModel(ThreadingModel.EVENT_LOOP).setInstances(instances))
        .map(id -> {
          LOG.info("HTTP API listening on http://{}:{}/ ({} event loop{})", config.host(), actualPort(), instances, instances == 1 ? "" : "s");
          return actualPort();
        });
  }

  @Override
  public Future<?> start() {
    ConnectionLimits connections = config.connections();
    if (shared == null) {
      shared = new Shared(vertx, config, registry, clock);
    }
    ConnectionGuard guard = shared.guard;
    server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(shared.port)
        .setIdleTimeout(connections.idleTimeoutSeconds())
        // Without h2c sniffing the HTTP/1 pipeline, and the connection handler, exist before the first byte.
        .setHttp2ClearTextEnabled(false)
        .setMaxWebSocketFrameSize(config.stream().maxMessageBytes())
        .setMaxWebSocketMessageSize(config.stream().maxMessageBytes()));
    return server.connectionHandler(guard::onConnection).invalidRequestHandler(new InvalidRequests()).requestHandler(router()).listen();
  }

  /** Limits the series pushes may create (unlimited unless set); call before deploying. */
  public ApiVerticle withSeriesBudget(SeriesBudget budget) {
    this.seriesBudget = budget;
    return this;
  }

  /** Records the series stream clients watch where the read side looks (its own otherwise); call before deploying. */
  public ApiVerticle withStreamInterest(StreamInterest interest) {
    this.streamInterest = interest;
    return this;
  }

  /** The port the server is bound to (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
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
        shared.batchesInFlight);
    QueryRoutes queries = new QueryRoutes(vertx, readModel);
    StreamRoute stream = new StreamRoute(vertx, config.stream(), config.connections().idleTimeoutSeconds(), shared.streamMeters, streamInterest);

    router.route().handler(shared.guard::onRequest);
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

    if (shared.rateLimit != null) {
      router.route("/api/v1/*").handler(shared.rateLimit);
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
