package io.vigil.ingest.cloudwatch;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vigil.config.AwsConfig;
import io.vigil.config.CloudWatchMetricsConfig;
import io.vigil.config.KafkaConfig;
import io.vigil.ingest.aws.AwsAccount;
import io.vigil.ingest.aws.AwsClients;
import io.vigil.ingest.cursor.SourceCursors;
import io.vigil.ingest.cursor.TransactionalSourceWriter;
import io.vigil.ingest.source.Backoff;
import io.vigil.ingest.source.SourceStatus;
import io.vigil.ingest.source.SourceStatusBoard;
import io.vigil.model.MetricPoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * Pulls CloudWatch metrics of one account: discovers series with ListMetrics (re-run every
 * discovery interval), then every poll re-reads the trailing window with GetMetricData, up to
 * {@code maxQueriesPerCall} queries per call and following NextToken, and writes the new settled
 * datapoints with their query cursors in one Kafka transaction per batch. Failures (throttling,
 * 5xx, access denied, unreachable endpoint) are reported on the status board and retried after a
 * jittered exponential backoff; the SDK's own retries run inside each call.
 */
public final class CloudWatchMetricsSource extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchMetricsSource.class);
  private static final long MAX_BACKOFF_MILLIS = 300_000;
  private static final int MAX_DATA_PAGES = 100;

  private final String name;
  private final AwsConfig aws;
  private final AwsAccount account;
  private final CloudWatchMetricsConfig config;
  private final KafkaConfig kafka;
  private final String bootstrap;
  private final SourceStatusBoard board;
  private final Clock clock;
  private final MetricWindow window;
  private final Backoff backoff;

  private WorkerExecutor worker;
  private CloudWatchAsyncClient client;
  private TransactionalSourceWriter writer;
  private Map<String, QueryCursor> cursors;
  private Map<String, MetricQuery> queries = Map.of();
  private long nextDiscoveryMillis;
  private String discoveryError;
  private int discoveryFailures;
  private long newestEmittedMillis = -1;
  private long pointsEmitted;
  private long timerId = -1;
  private boolean stopped;
  private SourceStatus status;

  public CloudWatchMetricsSource(String name, AwsConfig aws, AwsAccount account, CloudWatchMetricsConfig config,
      KafkaConfig kafka, String bootstrap, SourceStatusBoard board, Clock clock) {
    this.name = name;
    this.aws = aws;
    this.account = account;
    this.config = config;
    this.kafka = kafka;
    this.bootstrap = bootstrap;
    this.board = board;
    this.clock = clock;
    this.window = new MetricWindow(config.trailingWindowMinutes() * 60_000L, config.settleSeconds() * 1000L);
    this.backoff = new Backoff(Math.min(5_000, config.pollIntervalSeconds() * 1000L), MAX_BACKOFF_MILLIS, new SplittableRandom());
    this.status = SourceStatus.starting(name, "cloudwatch-metrics");
  }

  @Override
  public Future<?> start() {
    worker = vertx.createSharedWorkerExecutor("vigil-aws", 4);
    board.put(status);
    // The first cycle runs at once but outside start(): an unreachable AWS must not fail deployment.
    schedule(0);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timerId);
    Future<Void> closed = writer == null ? Future.succeededFuture() : writer.close();
    return closed.eventually(() -> {
      if (client != null) {
        client.close();
      }
      worker.close();
      return Future.succeededFuture();
    });
  }

  private void schedule(long delayMillis) {
    if (!stopped) {
      timerId = vertx.setTimer(Math.max(1, delayMillis), id -> cycle());
    }
  }

  private void cycle() {
    long started = clock.millis();
    ready()
        .compose(ignored -> started >= nextDiscoveryMillis ? discoverOrKeep() : Future.succeededFuture())
        .compose(ignored -> collect(clock.millis()))
        .onComplete(done -> {
          long now = clock.millis();
          if (done.succeeded()) {
            long next = config.pollIntervalSeconds() * 1000L;
            long lag = newestEmittedMillis < 0 ? -1 : now - newestEmittedMillis;
            status = discoveryError == null
                ? status.succeeded(now, now + next, lag, details())
                : status.degraded(now, "discovery: " + discoveryError, now + next, lag, details());
            board.put(status);
            schedule(next);
          } else {
            String error = AwsClients.describe(done.cause());
            long delay = backoff.delayMillis(status.consecutiveFailures() + 1);
            status = status.failed(now, error, delay);
            board.put(status);
            LOG.warn("{}: {}; retrying in {} ms", name, error, delay);
            schedule(delay);
          }
        });
  }

  private JsonObject details() {
    return new JsonObject()
        .put("account", account.label())
        .put("series", queries.size())
        .put("pointsEmitted", pointsEmitted)
        .put("nextDiscovery", Instant.ofEpochMilli(nextDiscoveryMillis).toString());
  }

  /** Builds the client and the writer and loads the cursors, once; retried by the next cycle if it fails. */
  private Future<Void> ready() {
    if (cursors != null) {
      return Future.succeededFuture();
    }
    if (client == null) {
      // Building resolves the region chain, which may ask instance metadata: not on the event loop.
      return worker.executeBlocking(() -> AwsClients.cloudWatch(aws, account), false).compose(built -> {
        client = built;
        return ready();
      });
    }
    if (writer == null) {
      writer = TransactionalSourceWriter.create(vertx, kafka, bootstrap, name);
    }
    return writer.init()
        .compose(ignored -> worker.executeBlocking(() -> SourceCursors.load(kafka, bootstrap, name), false))
        .<Void>map(loaded -> {
          Map<String, QueryCursor> restored = new HashMap<>();
          loaded.forEach((item, json) -> restored.put(item, QueryCursor.fromJson(json)));
          cursors = restored;
          LOG.info("{}: resuming {} query cursors", name, restored.size());
          return null;
        })
        .recover(failure -> {
          // A writer that failed to initialise cannot be reused.
          TransactionalSourceWriter failed = writer;
          writer = null;
          return failed.close().transform(closed -> Future.<Void>failedFuture(failure));
        });
  }

  /**
   * Discovers; if that fails but series are known from before, keeps collecting them and retries
   * discovery after a backoff, so a ListMetrics outage does not stop the data.
   */
  private Future<Void> discoverOrKeep() {
    return discover().<Void>map(done -> {
      discoveryError = null;
      discoveryFailures = 0;
      return null;
    }).recover(failure -> {
      if (queries.isEmpty()) {
        return Future.failedFuture(failure);
      }
      discoveryFailures++;
      discoveryError = AwsClients.describe(failure);
      long delay = backoff.delayMillis(discoveryFailures);
      nextDiscoveryMillis = clock.millis() + delay;
      LOG.warn("{}: discovery failed, collecting the {} known series; retrying discovery in {} ms: {}",
          name, queries.size(), delay, discoveryError);
      return Future.succeededFuture();
    });
  }

  private Future<Void> discover() {
    MetricDiscovery discovery = new MetricDiscovery(request -> AwsClients.call(context, worker, () -> client.listMetrics(request)));
    return discovery.discover(config.metrics()).map(found -> {
      if (found.size() != queries.size()) {
        LOG.info("{}: {} series discovered", name, found.size());
      }
      queries = found;
      nextDiscoveryMillis = clock.millis() + config.discoveryIntervalMinutes() * 60_000L;
      return null;
    });
  }

  private Future<Void> collect(long nowMillis) {
    List<MetricQuery> all = new ArrayList<>(queries.values());
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < all.size(); from += config.maxQueriesPerCall()) {
      List<MetricQuery> batch = all.subList(from, Math.min(all.size(), from + config.maxQueriesPerCall()));
      chain = chain.compose(ignored -> collectBatch(batch, nowMillis));
    }
    return chain;
  }

  private Future<Void> collectBatch(List<MetricQuery> batch, long nowMillis) {
    long maxCatchUp = config.maxCatchUpMinutes() * 60_000L;
    long align = batch.stream().allMatch(query -> query.periodSeconds() % 60 == 0) ? 60_000L : 1000L;
    long readFrom = Long.MAX_VALUE;
    for (MetricQuery query : batch) {
      readFrom = Math.min(readFrom, window.readFromMillis(cursors.get(query.series().id()), nowMillis, maxCatchUp));
    }
    long start = Math.floorDiv(readFrom, align) * align;
    long end = Math.floorDiv(nowMillis, align) * align;
    if (end <= start) {
      return Future.succeededFuture();
    }
    Map<String, MetricQuery> byId = new LinkedHashMap<>();
    List<MetricDataQuery> requests = new ArrayList<>(batch.size());
    for (MetricQuery query : batch) {
      String id = "q" + byId.size();
      byId.put(id, query);
      requests.add(toRequest(id, query));
    }
    Map<String, TreeMap<Long, Double>> data = new HashMap<>();
    GetMetricDataRequest request = GetMetricDataRequest.builder()
        .startTime(Instant.ofEpochMilli(start))
        .endTime(Instant.ofEpochMilli(end))
        .metricDataQueries(requests)
        .scanBy(ScanBy.TIMESTAMP_ASCENDING)
        .build();
    long readFromFinal = start;
    return fetchPages(request, data, 0).compose(ignored -> {
      List<MetricPoint> points = new ArrayList<>();
      Map<String, JsonObject> cursorRecords = new HashMap<>();
      Map<String, QueryCursor> nextCursors = new HashMap<>();
      byId.forEach((id, query) -> {
        String key = query.series().id();
        QueryCursor previous = cursors.get(key);
        MetricWindow.Step step = window.step(query, previous, readFromFinal, data.getOrDefault(id, new TreeMap<>()), nowMillis);
        points.addAll(step.points());
        if (!step.cursor().equals(previous)) {
          nextCursors.put(key, step.cursor());
          cursorRecords.put(key, step.cursor().toJson());
        }
      });
      return writer.write(points, List.of(), cursorRecords).map(written -> {
        cursors.putAll(nextCursors);
        pointsEmitted += points.size();
        for (MetricPoint point : points) {
          newestEmittedMillis = Math.max(newestEmittedMillis, point.timestampMillis());
        }
        return null;
      });
    });
  }

  private Future<Void> fetchPages(GetMetricDataRequest request, Map<String, TreeMap<Long, Double>> data, int page) {
    if (page >= MAX_DATA_PAGES) {
      return Future.failedFuture(new IllegalStateException("GetMetricData returned more than " + MAX_DATA_PAGES + " pages"));
    }
    return AwsClients.call(context, worker, () -> client.getMetricData(request)).compose((GetMetricDataResponse response) -> {
      for (MetricDataResult result : response.metricDataResults()) {
        TreeMap<Long, Double> series = data.computeIfAbsent(result.id(), id -> new TreeMap<>());
        List<Instant> timestamps = result.timestamps();
        List<Double> values = result.values();
        for (int i = 0; i < Math.min(timestamps.size(), values.size()); i++) {
          series.put(timestamps.get(i).toEpochMilli(), values.get(i));
        }
      }
      String next = response.nextToken();
      if (next == null || next.isEmpty()) {
        return Future.succeededFuture();
      }
      return fetchPages(request.toBuilder().nextToken(next).build(), data, page + 1);
    });
  }

  private static MetricDataQuery toRequest(String id, MetricQuery query) {
    List<Dimension> dimensions = new ArrayList<>();
    query.series().dimensions().forEach((key, value) -> dimensions.add(Dimension.builder().name(key).value(value).build()));
    Metric metric = Metric.builder()
        .namespace(query.series().namespace())
        .metricName(query.series().metric())
        .dimensions(dimensions)
        .build();
    return MetricDataQuery.builder()
        .id(id)
        .metricStat(MetricStat.builder().metric(metric).period(query.periodSeconds()).stat(query.statistic()).build())
        .returnData(true)
        .build();
  }
}
