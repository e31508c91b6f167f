package io.vigil.ingest.cloudwatch;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vigil.config.AwsConfig;
import io.vigil.config.CloudWatchMetricsConfig;
import io.vigil.ingest.aws.AwsAccount;
import io.vigil.ingest.aws.AwsClients;
import io.vigil.ingest.source.AwsPollingSource;
import io.vigil.ingest.source.SourceStatusBoard;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.model.MetricPoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
public final class CloudWatchMetricsSource extends AwsPollingSource<CloudWatchAsyncClient, QueryCursor> {

  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchMetricsSource.class);
  private static final int MAX_DATA_PAGES = 100;

  private final CloudWatchMetricsConfig config;
  private final MetricWindow window;

  private Map<String, MetricQuery> queries = Map.of();
  private String discoveryError;
  private int discoveryFailures;
  private long pointsEmitted;

  public CloudWatchMetricsSource(String name, AwsConfig aws, AwsAccount account, CloudWatchMetricsConfig config,
      KafkaEndpoint kafka, SourceStatusBoard board, Clock clock) {
    super(name, "cloudwatch-metrics", aws, account, AwsClients::cloudWatch, QueryCursor::fromJson, "query cursors",
        kafka, board, clock, config.pollIntervalSeconds());
    this.config = config;
    this.window = new MetricWindow(config.trailingWindowMinutes() * 60_000L, config.settleSeconds() * 1000L);
  }

  @Override
  protected String degradation() {
    return discoveryError == null ? null : "discovery: " + discoveryError;
  }

  @Override
  protected JsonObject details() {
    return new JsonObject()
        .put("account", account().label())
        .put("series", queries.size())
        .put("pointsEmitted", pointsEmitted)
        .put("nextDiscovery", Instant.ofEpochMilli(nextDiscoveryMillis()).toString());
  }

  /**
   * Discovers; if that fails but series are known from before, keeps collecting them and retries
   * discovery after a backoff, so a ListMetrics outage does not stop the data.
   */
  @Override
  protected Future<Void> discover() {
    return listSeries().<Void>map(done -> {
      discoveryError = null;
      discoveryFailures = 0;
      return null;
    }).recover(failure -> {
      if (queries.isEmpty()) {
        return Future.failedFuture(failure);
      }
      discoveryFailures++;
      discoveryError = AwsClients.describe(failure);
      long delay = backoff().delayMillis(discoveryFailures);
      discoverAgainIn(delay);
      LOG.warn("{}: discovery failed, collecting the {} known series; retrying discovery in {} ms: {}",
          name(), queries.size(), delay, discoveryError);
      return Future.succeededFuture();
    });
  }

  private Future<Void> listSeries() {
    MetricDiscovery discovery = new MetricDiscovery(request -> call(() -> client().listMetrics(request)));
    return discovery.discover(config.metrics()).map(found -> {
      if (found.size() != queries.size()) {
        LOG.info("{}: {} series discovered", name(), found.size());
      }
      queries = found;
      discoverAgainIn(config.discoveryIntervalMinutes() * 60_000L);
      return null;
    });
  }

  @Override
  protected Future<Void> collect() {
    long nowMillis = clock().millis();
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
      readFrom = Math.min(readFrom, window.readFromMillis(cursors().get(query.series().id()), nowMillis, maxCatchUp));
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
        QueryCursor previous = cursors().get(key);
        MetricWindow.Step step = window.step(query, previous, readFromFinal, data.getOrDefault(id, new TreeMap<>()), nowMillis);
        points.addAll(step.points());
        if (!step.cursor().equals(previous)) {
          nextCursors.put(key, step.cursor());
          cursorRecords.put(key, step.cursor().toJson());
        }
      });
      return writer().write(points, List.of(), cursorRecords).map(written -> {
        cursors().putAll(nextCursors);
        pointsEmitted += points.size();
        for (MetricPoint point : points) {
          recordEmitted(point.timestampMillis());
        }
        return null;
      });
    });
  }

  private Future<Void> fetchPages(GetMetricDataRequest request, Map<String, TreeMap<Long, Double>> data, int page) {
    if (page >= MAX_DATA_PAGES) {
      return Future.failedFuture(new IllegalStateException("GetMetricData returned more than " + MAX_DATA_PAGES + " pages"));
    }
    return call(() -> client().getMetricData(request)).compose((GetMetricDataResponse response) -> {
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
    query.metric().dimensions().forEach((key, value) -> dimensions.add(Dimension.builder().name(key).value(value).build()));
    Metric metric = Metric.builder()
        .namespace(query.metric().namespace())
        .metricName(query.metric().metric())
        .dimensions(dimensions)
        .build();
    return MetricDataQuery.builder()
        .id(id)
        .metricStat(MetricStat.builder().metric(metric).period(query.periodSeconds()).stat(query.statistic()).build())
        .returnData(true)
        .build();
  }
}
