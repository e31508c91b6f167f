package io.vigil.ingest.cloudwatch;

import io.vertx.core.Future;
import io.vigil.config.CloudWatchMetricsConfig.Target;
import io.vigil.model.SeriesKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;

/**
 * Finds the series of the configured targets with ListMetrics, following NextToken to the last
 * page: one listing per target and metric name (or per target for a whole namespace). A metric
 * matched by several targets is collected once per statistic they ask for (each its own series,
 * see {@link MetricQuery}), with the period of the first target asking for that statistic.
 */
public final class MetricDiscovery {

  /** Bounds one listing, so a runaway namespace cannot stall the source. */
  static final int MAX_PAGES = 200;

  private final Function<ListMetricsRequest, Future<ListMetricsResponse>> listMetrics;

  /** @param listMetrics issues one ListMetrics call on the source's context */
  public MetricDiscovery(Function<ListMetricsRequest, Future<ListMetricsResponse>> listMetrics) {
    this.listMetrics = listMetrics;
  }

  /** Every series of {@code targets}, keyed by series id, in discovery order. */
  public Future<Map<String, MetricQuery>> discover(List<Target> targets) {
    Map<String, MetricQuery> found = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (Target target : targets) {
      List<String> names = target.metricNames().isEmpty() ? java.util.Collections.singletonList(null) : target.metricNames();
      for (String name : names) {
        chain = chain.compose(done -> listAll(target, name, null, 0, found));
      }
    }
    return chain.map(done -> found);
  }

  private Future<Void> listAll(Target target, String metricName, String token, int page, Map<String, MetricQuery> found) {
    if (page >= MAX_PAGES) {
      return Future.succeededFuture();
    }
    ListMetricsRequest.Builder request = ListMetricsRequest.builder().namespace(target.namespace()).nextToken(token);
    if (metricName != null) {
      request.metricName(metricName);
    }
    List<DimensionFilter> filters = new ArrayList<>();
    target.dimensions().forEach((name, value) -> filters.add(value.isEmpty()
        ? DimensionFilter.builder().name(name).build()
        : DimensionFilter.builder().name(name).value(value).build()));
    if (!filters.isEmpty()) {
      request.dimensions(filters);
    }
    return listMetrics.apply(request.build()).compose(response -> {
      for (Metric metric : response.metrics()) {
        TreeMap<String, String> dimensions = new TreeMap<>();
        for (Dimension dimension : metric.dimensions()) {
          dimensions.put(dimension.name(), dimension.value());
        }
        MetricQuery query = new MetricQuery(new SeriesKey(metric.namespace(), metric.metricName(), dimensions),
            target.statistic(), target.periodSeconds());
        found.putIfAbsent(query.series().id(), query);
      }
      String next = response.nextToken();
      return next == null || next.isEmpty() ? Future.succeededFuture() : listAll(target, metricName, next, page + 1, found);
    });
  }
}
