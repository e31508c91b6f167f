package io.vigil.engine.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.engine.VigilEngine;
import io.vigil.model.SeriesKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Opens many dashboard connections to a running engine's {@code /api/v1/stream}, each subscribed
 * to one watched series of one service (and to health and anomalies, as the service page is),
 * then pushes points over HTTP: the watched series a few times a second and a background load of
 * other series at a fixed rate. Lag is the time from the moment a watched point was sent (its
 * timestamp) to its arrival at each client, so it covers HTTP, Kafka, detection, the read model and
 * the fan-out. Clients run on their own Vert.x instance, in this process, so both ends read one clock.
 */
public final class DashboardBench {

  private static final long TICK_MILLIS = 100;
  private static final Pattern CLOSED = Pattern.compile("(?m)^vigil_stream_clients_closed_total\\{reason=\"([^\"]+)\"}\\s+(\\S+)$");
  private static final int LOAD_SERIES = 500;
  private static final SeriesKey WATCHED = SeriesKey.of("Bench", "Latency", Map.of("ServiceName", "bench-watched"));

  /** What to run: clients, background points per second, how long to measure after a warm-up. */
  public record Load(int clients, int pushPointsPerSecond, Duration warmUp, Duration measure) {
    public Load {
      if (clients < 1 || pushPointsPerSecond < 0 || warmUp.isNegative() || measure.isZero() || measure.isNegative()) {
        throw new IllegalArgumentException("clients must be at least 1, push rate at least 0, measure positive");
      }
    }
  }

  /**
   * One run's figures.
   *
   * @param expected watched points sent during the measurement times the clients open for them
   * @param received of those, how many arrived
   * @param closed clients the server closed during the run
   * @param closeReasons how many were closed with each status and reason
   * @param lagMillis per point and client, from sending to arrival
   */
  public record Report(Load load, long pushed, long expected, long received, long closed, Map<String, Long> closeReasons,
      Histogram lagMillis) {

    public boolean meetsTarget() {
      return closed == 0 && received == expected && lagMillis.getValueAtPercentile(99) < 1_000;
    }

    public String format() {
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "dashboard: %,d clients on one series, %,d background points/s pushed (%,d in all), %d s measured%n",
          load.clients(), load.pushPointsPerSecond(), pushed, load.measure().toSeconds()));
      out.append(String.format(Locale.ROOT, "lag        p50 %,d ms, p99 %,d ms, max %,d ms (push to client, %,d deliveries)%n",
          lagMillis.getValueAtPercentile(50), lagMillis.getValueAtPercentile(99), lagMillis.getMaxValue(), lagMillis.getTotalCount()));
      out.append(String.format(Locale.ROOT, "delivered  %,d of %,d watched points x clients; %,d clients closed by the server%n",
          received, expected, closed));
      closeReasons.forEach((reason, count) -> out.append(String.format(Locale.ROOT, "closed     %,d with %s%n", count, reason)));
      out.append(meetsTarget() ? "target     met: p99 under 1 s, nothing missing, nobody dropped\n" : "target     NOT met (p99 under 1 s, nothing missing, nobody dropped)\n");
      return out.toString();
    }
  }

  private DashboardBench() {}

  public static Report run(VigilEngine engine, Load load) throws IOException, InterruptedException {
    Vertx clients = Vertx.vertx();
    try {
      ConcurrentHistogram lag = new ConcurrentHistogram(3_600_000L, 3);
      AtomicLong received = new AtomicLong();
      AtomicLong closed = new AtomicLong();
      long[] window = new long[2]; // measured watched timestamps: [from, to)
      Map<String, Long> closeReasons = new ConcurrentHashMap<>();
      // Held to the end: Vert.x closes a client nothing refers to, and its connections with it.
      WebSocketClient streams = connect(clients, engine.httpPort(), load.clients(), lag, received, closed, closeReasons, window);

      URI endpoint = URI.create("http://127.0.0.1:" + engine.httpPort() + "/api/v1/metrics");
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      long start = System.currentTimeMillis();
      window[0] = start + load.warmUp().toMillis();
      window[1] = window[0] + load.measure().toMillis();
      long pushed = 0;
      long watchedInWindow = 0;
      SplittableRandom random = new SplittableRandom(5);
      for (long tick = start; tick < window[1]; tick += TICK_MILLIS) {
        long wait = tick - System.currentTimeMillis();
        if (wait > 0) {
          TimeUnit.MILLISECONDS.sleep(wait);
        }
        long now = System.currentTimeMillis();
        JsonArray points = new JsonArray().add(point(WATCHED, now, 100 + random.nextGaussian()));
        int background = (int) (load.pushPointsPerSecond() * TICK_MILLIS / 1000);
        for (int i = 0; i < background; i++) {
          SeriesKey series = SeriesKey.of("Bench", "Load", Map.of("ServiceName", "bench-load", "Series", "s" + (i % LOAD_SERIES)));
          // One point per series and tick: several in one tick get distinct milliseconds, in order.
          points.add(point(series, now + i / LOAD_SERIES, 50 + random.nextGaussian()));
        }
        post(http, endpoint, points);
        pushed += points.size();
        if (now >= window[0] && now < window[1]) {
          watchedInWindow++;
        }
      }
      // Points of the last ticks are still on their way: wait for them, up to ten times the target.
      long expected = watchedInWindow * load.clients();
      long drainDeadline = System.currentTimeMillis() + 10_000;
      while (received.get() < expected && System.currentTimeMillis() < drainDeadline) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
      Map<String, Long> reasons = new TreeMap<>(closeReasons);
      serverCloses(http, URI.create("http://127.0.0.1:" + engine.httpPort() + "/metrics")).forEach((reason, count) -> reasons.put("server: " + reason, count));
      Report report = new Report(load, pushed, expected, received.get(), closed.get(), reasons, lag.copy());
      streams.close();
      return report;
    } finally {
      clients.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  private static WebSocketClient connect(Vertx vertx, int port, int count, Histogram lag, AtomicLong received, AtomicLong closed,
      Map<String, Long> closeReasons, long[] window) throws IOException {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(count + 10)
        .setDefaultHost("127.0.0.1").setDefaultPort(port).setConnectTimeout(30_000));
    String subscribe = new JsonObject().put("subscribe", new JsonArray().add("points:" + WATCHED.id()).add("health").add("anomalies")).encode();
    List<Future<WebSocket>> opening = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      opening.add(client.connect("/api/v1/stream").compose(socket -> {
        Future<WebSocket> subscribed = Future.future(promise -> socket.textMessageHandler(text -> {
          // Only points are parsed: the clients share this process's cores with the engine.
          if (!text.startsWith("{\"type\":\"point\"")) {
            if (text.startsWith("{\"type\":\"subscribed\"")) {
              promise.tryComplete(socket);
            }
          } else {
            long timestamp = new JsonObject(text).getJsonObject("data").getLong("timestampMillis");
            if (timestamp >= window[0] && timestamp < window[1]) {
              lag.recordValue(Math.max(0, System.currentTimeMillis() - timestamp));
              received.incrementAndGet();
            }
          }
        }));
        socket.closeHandler(ignored -> {
          closed.incrementAndGet();
          closeReasons.merge(socket.closeStatusCode() + " " + socket.closeReason(), 1L, Long::sum);
        });
        socket.writeTextMessage(subscribe);
        return subscribed;
      }));
    }
    try {
      Future.all(opening).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("could not open " + count + " stream clients: " + e.getMessage(), e);
    }
    return client;
  }

  /** The server's own count of clients it closed, by reason, from its Prometheus endpoint. */
  private static Map<String, Long> serverCloses(HttpClient client, URI metrics) throws IOException, InterruptedException {
    String text = client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
    Map<String, Long> closes = new TreeMap<>();
    Matcher matcher = CLOSED.matcher(text);
    while (matcher.find()) {
      long count = (long) Double.parseDouble(matcher.group(2));
      if (count > 0) {
        closes.put(matcher.group(1), count);
      }
    }
    return closes;
  }

  private static JsonObject point(SeriesKey series, long timestampMillis, double value) {
    return new JsonObject().put("namespace", series.namespace()).put("metric", series.metric())
        .put("dimensions", new JsonObject(new TreeMap<String, Object>(series.dimensions())))
        .put("timestamp", timestampMillis).put("value", value);
  }

  private static void post(HttpClient client, URI endpoint, JsonArray points) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("points", points).encode())).build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 202) {
      throw new IOException("the engine answered " + response.statusCode() + ": " + response.body());
    }
  }
}
