package io.vigil.engine.bench;

import io.vertx.core.json.JsonObject;
import io.vigil.engine.VigilEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Liveness under heavy reads: fills a running engine with many series (through {@link PipelineBench},
 * one point each unless told more), then measures {@code /health} twice in the same run: alone, and while several
 * clients page through every series with {@code /api/v1/series} as fast as the engine answers.
 * The ratio of the two is the figure to compare across machines. It also reports the heap in use
 * after full collections before and after the series arrived, for the heap a series costs.
 */
public final class ListingBench {

  private static final long PROBE_EVERY_MILLIS = 50;

  /** What to run: how many series of how many points, how many paging clients, the page size and how long each phase lasts. */
  public record Load(int series, int pointsPerSeries, int clients, int pageSize, Duration measure) {
    public Load {
      if (series < 1 || pointsPerSeries < 1 || clients < 1 || pageSize < 1 || measure.isZero() || measure.isNegative()) {
        throw new IllegalArgumentException("series, points per series, clients and page size must be at least 1, measure positive");
      }
    }
  }

  /**
   * One run's figures, latencies in microseconds.
   *
   * @param failedProbes {@code /health} calls that did not answer 200 within the probe timeout
   * @param pages listing pages served while the clients paged
   */
  public record Report(Load load, long stored, Histogram idle, Histogram loaded, long failedProbes, long pages, long listed,
      long heapBefore, long heapFilled) {

    public boolean healthAnswered() {
      return failedProbes == 0;
    }

    public String format() {
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "listing: %,d series of %,d points stored (%,d points); %d clients paging /api/v1/series %,d at a time for %d s%n",
          load.series(), load.pointsPerSeries(), stored, load.clients(), load.pageSize(), load.measure().toSeconds()));
      out.append(String.format(Locale.ROOT, "heap       %,.0f MB after a full GC before, %,.0f MB with the series (%,.2f KB a series, %,.0f bytes a point, broker included)%n",
          heapBefore / 1e6, heapFilled / 1e6, (heapFilled - heapBefore) / 1024.0 / load.series(), (heapFilled - heapBefore) / (double) Math.max(1, stored)));
      out.append(line("/health alone", idle));
      out.append(line("/health paged", loaded));
      out.append(String.format(Locale.ROOT, "ratio      p99 paged / alone %.1fx; %,d probes failed%n",
          ratio(loaded.getValueAtPercentile(99), idle.getValueAtPercentile(99)), failedProbes));
      out.append(String.format(Locale.ROOT, "listed     %,d pages, %,d series (%,.0f series/s)%n",
          pages, listed, listed / (double) load.measure().toSeconds()));
      return out.toString();
    }

    private static String line(String name, Histogram latency) {
      return String.format(Locale.ROOT, "%-14s p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d probes)%n", name,
          latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0,
          latency.getTotalCount());
    }

    private static double ratio(long a, long b) {
      return b == 0 ? 0.0 : a / (double) b;
    }
  }

  private ListingBench() {}

  /** Runs the load against {@code engine}, which must have started with no other traffic. */
  public static Report run(VigilEngine engine, Load load) throws IOException, InterruptedException {
    long heapBefore = heapAfterGc();
    PipelineBench.Report filled = PipelineBench.run(engine, new PipelineBench.Load(load.series(), load.pointsPerSeries(), 500, 4, Duration.ofMinutes(30), 0));
    long heapFilled = heapAfterGc();
    URI base = URI.create("http://127.0.0.1:" + engine.httpPort());
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    AtomicLong failed = new AtomicLong();
    Histogram idle = probe(client, base, load.measure(), failed);

    AtomicLong pages = new AtomicLong();
    AtomicLong listed = new AtomicLong();
    long until = System.nanoTime() + load.measure().toNanos();
    ExecutorService pagers = Executors.newFixedThreadPool(load.clients());
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < load.clients(); c++) {
      running.add(pagers.submit(() -> {
        pageUntil(client, base, load.pageSize(), until, pages, listed);
        return null;
      }));
    }
    Histogram loaded = probe(client, base, load.measure(), failed);
    try {
      for (Future<?> pager : running) {
        pager.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("a paging client failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pagers.shutdownNow();
    }
    return new Report(load, filled.scored(), idle, loaded, failed.get(), pages.get(), listed.get(), heapBefore, heapFilled);
  }

  /** The heap in use after full collections (the engine and the embedded broker share this JVM). */
  private static long heapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      memory.gc();
      TimeUnit.MILLISECONDS.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** Calls {@code /health} every {@value #PROBE_EVERY_MILLIS} ms for {@code length}; a probe that fails is counted, not timed. */
  private static Histogram probe(HttpClient client, URI base, Duration length, AtomicLong failed) throws InterruptedException {
    Histogram latency = new Histogram(60_000_000L, 3);
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(5)).GET().build();
    long until = System.nanoTime() + length.toNanos();
    while (System.nanoTime() < until) {
      long sentAt = System.nanoTime();
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          latency.recordValue(Math.max(1, (System.nanoTime() - sentAt) / 1_000));
        } else {
          failed.incrementAndGet();
        }
      } catch (IOException e) {
        failed.incrementAndGet();
      }
      TimeUnit.MILLISECONDS.sleep(PROBE_EVERY_MILLIS);
    }
    return latency;
  }

  /** Pages through every series, again and again, until {@code untilNanos}. */
  private static void pageUntil(HttpClient client, URI base, int pageSize, long untilNanos, AtomicLong pages, AtomicLong listed)
      throws IOException, InterruptedException {
    String cursor = null;
    while (System.nanoTime() < untilNanos) {
      String uri = "/api/v1/series?limit=" + pageSize + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve(uri)).timeout(Duration.ofSeconds(60)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("/api/v1/series answered " + response.statusCode() + ": " + response.body());
      }
      JsonObject page = new JsonObject(response.body());
      pages.incrementAndGet();
      listed.addAndGet(page.getJsonArray("series").size());
      cursor = page.getString("nextCursor");
    }
  }
}
