package io.vigil.engine.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A protocol-faithful CloudWatch for tests: speaks smithy RPC v2 CBOR as the SDK's CloudWatch
 * client does (POST /service/GraniteServiceVersion20100801/operation/NAME, smithy-protocol header,
 * CBOR bodies, tag-1 timestamps, {@code __type} errors), serves ListMetrics and GetMetricData with
 * NextToken paging, and fails calls on script (throttling, 500s, access denied). Data can be added
 * or revised at any time, as CloudWatch does with late datapoints.
 */
final class FakeCloudWatch {

  static final String PATH_PREFIX = "/service/GraniteServiceVersion20100801/operation/";

  /** A scripted failure: HTTP status, error code, and the query-compatible code header. */
  record Failure(int status, String type, String queryError) {
    static Failure throttling() {
      return new Failure(400, "com.amazonaws.cloudwatch#LimitExceededFault", "Throttling;Sender");
    }

    static Failure internal() {
      return new Failure(500, "com.amazonaws.cloudwatch#InternalServiceFault", "InternalServiceError;Receiver");
    }

    static Failure accessDenied() {
      return new Failure(403, "AccessDeniedException", "AccessDenied;Sender");
    }
  }

  /** One series the fake holds. */
  record Series(String namespace, String metric, SortedMap<String, String> dimensions) {}

  private final ObjectMapper cbor = new ObjectMapper(new CBORFactory());
  private record SeriesStatistic(Series series, String statistic) {}

  /** Which series exist (for ListMetrics). */
  private final Map<Series, TreeMap<Long, Double>> data = new LinkedHashMap<>();
  /** Each statistic's values (for GetMetricData). */
  private final Map<SeriesStatistic, TreeMap<Long, Double>> statistics = new LinkedHashMap<>();
  private final Deque<Failure> listFailures = new ArrayDeque<>();
  private final Deque<Failure> dataFailures = new ArrayDeque<>();
  final AtomicInteger listCalls = new AtomicInteger();
  final AtomicInteger dataCalls = new AtomicInteger();
  final AtomicInteger dataSuccesses = new AtomicInteger();
  final AtomicInteger maxQueriesSeen = new AtomicInteger();
  final AtomicInteger pagedDataCalls = new AtomicInteger();
  final List<String> protocolErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final int listPageSize;
  private final int dataPageSize;
  private HttpServer server;

  FakeCloudWatch(int listPageSize, int dataPageSize) {
    this.listPageSize = listPageSize;
    this.dataPageSize = dataPageSize;
  }

  Future<Integer> start(Vertx vertx) {
    server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> handle(request, body)));
    return server.listen(0, "127.0.0.1").map(HttpServer::actualPort);
  }

  Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** Sets the series' Average at a timestamp. */
  synchronized void put(Series series, long timestampMillis, double value) {
    put(series, "Average", timestampMillis, value);
  }

  /** Sets one statistic of the series at a timestamp; GetMetricData serves each statistic its own values. */
  synchronized void put(Series series, String statistic, long timestampMillis, double value) {
    data.computeIfAbsent(series, key -> new TreeMap<>()).put(timestampMillis, value);
    statistics.computeIfAbsent(new SeriesStatistic(series, statistic), key -> new TreeMap<>()).put(timestampMillis, value);
  }

  synchronized void failList(Failure... failures) {
    listFailures.addAll(List.of(failures));
  }

  synchronized void failData(Failure... failures) {
    dataFailures.addAll(List.of(failures));
  }

  private void handle(HttpServerRequest request, Buffer body) {
    String path = request.path();
    if (!"POST".equals(request.method().name()) || !path.startsWith(PATH_PREFIX)
        || !"rpc-v2-cbor".equals(request.getHeader("smithy-protocol"))
        || !String.valueOf(request.getHeader("Content-Type")).startsWith("application/cbor")) {
      protocolErrors.add(request.method() + " " + path + " smithy-protocol=" + request.getHeader("smithy-protocol")
          + " content-type=" + request.getHeader("Content-Type"));
      request.response().setStatusCode(404).end();
      return;
    }
    String operation = path.substring(PATH_PREFIX.length());
    try {
      JsonNode input = body.length() == 0 ? cbor.createObjectNode() : cbor.readTree(body.getBytes());
      Failure failure;
      byte[] output;
      synchronized (this) {
        switch (operation) {
          case "ListMetrics" -> {
            listCalls.incrementAndGet();
            failure = listFailures.poll();
            output = failure == null ? listMetrics(input) : null;
          }
          case "GetMetricData" -> {
            dataCalls.incrementAndGet();
            failure = dataFailures.poll();
            output = failure == null ? getMetricData(input) : null;
            if (failure == null) {
              dataSuccesses.incrementAndGet();
            }
          }
          default -> {
            failure = new Failure(400, "com.amazonaws.cloudwatch#InvalidAction", "InvalidAction;Sender");
            output = null;
          }
        }
      }
      if (failure != null) {
        request.response().setStatusCode(failure.status())
            .putHeader("smithy-protocol", "rpc-v2-cbor")
            .putHeader("Content-Type", "application/cbor")
            .putHeader("x-amzn-query-error", failure.queryError())
            .end(Buffer.buffer(encode(Map.of("__type", failure.type(), "message", "scripted " + failure.queryError()))));
        return;
      }
      request.response().setStatusCode(200)
          .putHeader("smithy-protocol", "rpc-v2-cbor")
          .putHeader("Content-Type", "application/cbor")
          .end(Buffer.buffer(output));
    } catch (IOException | RuntimeException e) {
      protocolErrors.add(operation + ": " + e);
      request.response().setStatusCode(500).end();
    }
  }

  private byte[] listMetrics(JsonNode input) throws IOException {
    String namespace = text(input, "Namespace");
    String metricName = text(input, "MetricName");
    Map<String, String> filters = new TreeMap<>();
    for (JsonNode filter : input.path("Dimensions")) {
      filters.put(filter.path("Name").asText(), filter.hasNonNull("Value") ? filter.path("Value").asText() : null);
    }
    List<Series> matches = new ArrayList<>();
    for (Series series : data.keySet()) {
      if (namespace != null && !namespace.equals(series.namespace())) {
        continue;
      }
      if (metricName != null && !metricName.equals(series.metric())) {
        continue;
      }
      boolean dimensionsMatch = filters.entrySet().stream().allMatch(filter -> series.dimensions().containsKey(filter.getKey())
          && (filter.getValue() == null || filter.getValue().equals(series.dimensions().get(filter.getKey()))));
      if (dimensionsMatch) {
        matches.add(series);
      }
    }
    int from = input.hasNonNull("NextToken") ? Integer.parseInt(input.get("NextToken").asText()) : 0;
    int to = Math.min(matches.size(), from + listPageSize);
    List<Object> metrics = new ArrayList<>();
    for (Series series : matches.subList(from, to)) {
      metrics.add(Map.of("Namespace", series.namespace(), "MetricName", series.metric(), "Dimensions", dimensionList(series.dimensions())));
    }
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("Metrics", metrics);
    if (to < matches.size()) {
      output.put("NextToken", String.valueOf(to));
    }
    return encode(output);
  }

  private byte[] getMetricData(JsonNode input) throws IOException {
    long start = seconds(input.path("StartTime"));
    long end = seconds(input.path("EndTime"));
    JsonNode queries = input.path("MetricDataQueries");
    maxQueriesSeen.accumulateAndGet(queries.size(), Math::max);
    if (queries.size() > 500) {
      throw new IllegalArgumentException("more than 500 queries");
    }
    // Every (query, timestamp, value) in the range, query by query, each ascending.
    List<Object[]> entries = new ArrayList<>();
    for (JsonNode query : queries) {
      JsonNode stat = query.path("MetricStat");
      JsonNode metric = stat.path("Metric");
      TreeMap<String, String> dimensions = new TreeMap<>();
      for (JsonNode dimension : metric.path("Dimensions")) {
        dimensions.put(dimension.path("Name").asText(), dimension.path("Value").asText());
      }
      Series series = new Series(metric.path("Namespace").asText(), metric.path("MetricName").asText(), dimensions);
      TreeMap<Long, Double> points = statistics.getOrDefault(new SeriesStatistic(series, stat.path("Stat").asText()), new TreeMap<>());
      for (Map.Entry<Long, Double> point : points.subMap(start, true, end, false).entrySet()) {
        entries.add(new Object[] {query.path("Id").asText(), point.getKey(), point.getValue()});
      }
    }
    int from = input.hasNonNull("NextToken") ? Integer.parseInt(input.get("NextToken").asText()) : 0;
    if (from > 0) {
      pagedDataCalls.incrementAndGet();
    }
    int to = Math.min(entries.size(), from + dataPageSize);
    Map<String, List<Object[]>> byId = new LinkedHashMap<>();
    for (Object[] entry : entries.subList(from, to)) {
      byId.computeIfAbsent((String) entry[0], id -> new ArrayList<>()).add(entry);
    }
    List<Object> results = new ArrayList<>();
    byId.forEach((id, points) -> {
      List<Object> timestamps = new ArrayList<>();
      List<Object> values = new ArrayList<>();
      for (Object[] point : points) {
        timestamps.add(new Timestamp((Long) point[1]));
        values.add(point[2]);
      }
      results.add(Map.of("Id", id, "Label", id, "Timestamps", timestamps, "Values", values,
          "StatusCode", to < entries.size() ? "PartialData" : "Complete"));
    });
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("MetricDataResults", results);
    output.put("Messages", List.of());
    if (to < entries.size()) {
      output.put("NextToken", String.valueOf(to));
    }
    return encode(output);
  }

  /** A timestamp, written as CBOR tag 1 over epoch seconds as smithy RPC v2 requires. */
  private record Timestamp(long millis) {}

  private static long seconds(JsonNode timestamp) {
    return Math.round(timestamp.asDouble() * 1000);
  }

  private static String text(JsonNode input, String field) {
    return input.hasNonNull(field) ? input.get(field).asText() : null;
  }

  private static List<Object> dimensionList(SortedMap<String, String> dimensions) {
    List<Object> list = new ArrayList<>();
    dimensions.forEach((name, value) -> list.add(Map.of("Name", name, "Value", value)));
    return list;
  }

  private byte[] encode(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CBORGenerator generator = ((CBORFactory) cbor.getFactory()).createGenerator(bytes)) {
      write(generator, value);
    }
    return bytes.toByteArray();
  }

  private static void write(CBORGenerator generator, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      generator.writeStartObject();
      for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext();) {
        Map.Entry<?, ?> entry = it.next();
        generator.writeFieldName((String) entry.getKey());
        write(generator, entry.getValue());
      }
      generator.writeEndObject();
    } else if (value instanceof List<?> list) {
      generator.writeStartArray();
      for (Object item : list) {
        write(generator, item);
      }
      generator.writeEndArray();
    } else if (value instanceof Timestamp timestamp) {
      generator.writeTag(1);
      generator.writeNumber(timestamp.millis() / 1000.0);
    } else if (value instanceof Double number) {
      generator.writeNumber(number);
    } else if (value instanceof Integer number) {
      generator.writeNumber(number);
    } else if (value instanceof Long number) {
      generator.writeNumber(number);
    } else {
      generator.writeString(String.valueOf(value));
    }
  }
}
