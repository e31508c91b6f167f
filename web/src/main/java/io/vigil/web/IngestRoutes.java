package io.vigil.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigil.ingest.push.FieldError;
import io.vigil.ingest.push.LogBatchParser;
import io.vigil.ingest.push.MetricBatchParser;
import io.vigil.ingest.push.ParsedBatch;
import io.vigil.ingest.push.StrictJson;
import io.vigil.model.LogEvent;
import io.vigil.model.MetricPoint;
import io.vigil.model.SeriesKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/metrics} and {@code POST /api/v1/logs}: validate a whole batch, write it to
 * Kafka, and answer 202 only once Kafka acknowledged every record, or 503 with Retry-After when it
 * did not (the client retries; consumers de-duplicate by series and timestamp, or event id).
 */
final class IngestRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(IngestRoutes.class);
  static final int RETRY_AFTER_SECONDS = 5;

  private final MetricBatchParser metricParser;
  private final LogBatchParser logParser;
  private final IngestSink publisher;
  private final SeriesBudget seriesBudget;
  private final Semaphore batchesInFlight;
  private final Counter acceptedPoints;
  private final Counter acceptedEvents;
  private final Counter rejectedRequests;
  private final Counter refusedSeries;
  private final Timer metricsLatency;
  private final Timer logsLatency;

  IngestRoutes(MetricBatchParser metricParser, LogBatchParser logParser, IngestSink publisher, SeriesBudget seriesBudget,
      MeterRegistry registry, Semaphore batchesInFlight) {
    this.metricParser = metricParser;
    this.logParser = logParser;
    this.publisher = publisher;
    this.seriesBudget = seriesBudget;
    Gauge.builder("vigil.series", seriesBudget, SeriesBudget::count).description("Series this process takes points for").register(registry);
    Gauge.builder("vigil.series.limit", seriesBudget, budget -> (double) budget.limit()).description("series.maxSeries").register(registry);
    this.batchesInFlight = batchesInFlight;
    this.acceptedPoints = Counter.builder("vigil.ingest.points.accepted").description("Metric points acknowledged by Kafka").register(registry);
    this.acceptedEvents = Counter.builder("vigil.ingest.log.events.accepted").description("Log events acknowledged by Kafka").register(registry);
    this.rejectedRequests = Counter.builder("vigil.ingest.requests.rejected").description("Push requests refused as invalid").register(registry);
    this.refusedSeries = Counter.builder("vigil.series.refused").description("New series refused by series.maxSeries or a namespace's limit")
        .register(registry);
    this.metricsLatency = latency(registry, "metrics");
    this.logsLatency = latency(registry, "logs");
  }

  void pushMetrics(RoutingContext context) {
    JsonObject body = jsonBody(context);
    if (body == null) {
      return;
    }
    if (tooMany(context, body, "points", metricParser.maxPoints())) {
      return;
    }
    ParsedBatch<MetricPoint> batch = metricParser.parse(body);
    if (batch.valid() && !withinSeriesBudget(context, batch.items())) {
      return;
    }
    publish(context, batch, publisher::publishPoints, acceptedPoints, metricsLatency);
  }

  void pushLogs(RoutingContext context) {
    JsonObject body = jsonBody(context);
    if (body == null) {
      return;
    }
    if (tooMany(context, body, "events", logParser.maxEvents())) {
      return;
    }
    ParsedBatch<LogEvent> batch = logParser.parse(body);
    publish(context, batch, publisher::publishLogEvents, acceptedEvents, logsLatency);
  }

  /** From a valid push's arrival to Kafka's acknowledgement of its whole batch (or the 503). */
  private static Timer latency(MeterRegistry registry, String kind) {
    return Timer.builder("vigil.ingest.request").description("Push requests from arrival to Kafka's answer")
        .tag("kind", kind).publishPercentileHistogram().register(registry);
  }

  private <T> void publish(RoutingContext context, ParsedBatch<T> batch, BiFunction<List<T>, String, Future<Void>> write, Counter accepted,
      Timer latency) {
    if (!batch.valid()) {
      rejectedRequests.increment();
      ErrorResponses.send(context, 400, "invalid batch: nothing was stored", batch.errors());
      return;
    }
    if (!batchesInFlight.tryAcquire()) {
      context.response().putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
      ErrorResponses.send(context, 503, "too many batches waiting for Kafka; retry later");
      return;
    }
    Timer.Sample started = Timer.start();
    write.apply(batch.items(), RequestIds.of(context)).onComplete(result -> {
      started.stop(latency);
      batchesInFlight.release();
      if (result.succeeded()) {
        accepted.increment(batch.items().size());
        context.response()
            .setStatusCode(202)
            .putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("accepted", batch.items().size()).encode());
      } else {
        LOG.warn("Kafka did not acknowledge a batch of {}: {}", batch.items().size(), result.cause().getMessage());
        context.response().putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        ErrorResponses.send(context, 503, "Kafka did not acknowledge the batch; retry later");
      }
    });
  }

  /** Whether the batch's series fit the budget; answers 429 naming the limit they would pass when they do not. */
  private boolean withinSeriesBudget(RoutingContext context, List<MetricPoint> points) {
    Set<SeriesKey> series = new LinkedHashSet<>();
    points.forEach(point -> series.add(point.series()));
    Optional<SeriesBudget.Refusal> refused = seriesBudget.admit(series);
    if (refused.isEmpty()) {
      return true;
    }
    rejectedRequests.increment();
    refusedSeries.increment(refused.get().fresh());
    context.response().putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
    ErrorResponses.send(context, 429, "too many series: nothing was stored; points of known series are still accepted",
        List.of(new FieldError("points", refused.get().message())));
    return false;
  }

  /** The body as a JSON object, or null after answering 400. */
  private JsonObject jsonBody(RoutingContext context) {
    StrictJson.Decoded decoded = StrictJson.object(context.body().buffer());
    if (!decoded.valid()) {
      rejectedRequests.increment();
      ErrorResponses.send(context, 400, "malformed JSON: nothing was stored", List.of(decoded.error()));
      return null;
    }
    return decoded.object();
  }

  private boolean tooMany(RoutingContext context, JsonObject body, String field, int limit) {
    Object items = body.getValue(field);
    if (items instanceof JsonArray && ((JsonArray) items).size() > limit) {
      rejectedRequests.increment();
      ErrorResponses.send(context, 413, "too many items in one request: nothing was stored",
          List.of(new FieldError(field, "holds " + ((JsonArray) items).size() + " items; at most " + limit + " are allowed per request")));
      return true;
    }
    return false;
  }
}
