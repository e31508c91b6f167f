package io.vigil.engine.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.ingest.replay.ReplayFile;
import io.vigil.model.MetricPoint;
import io.vigil.model.Wire;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil replay FILE|DIR}: pushes recorded CSV series into a running engine over its HTTP API,
 * in batches, waiting as told by Retry-After when the engine answers 503. Batches declare
 * {@code "history": true}: a replayed week is scored and shown, but never pages.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Replay CSV files (timestamp,value per series, as NAB's) into a running Vigil.")
final class ReplayCommand implements Callable<Integer> {

  private static final int MAX_ATTEMPTS = 20;

  @Parameters(paramLabel = "FILE|DIR", description = "A CSV file, or a folder searched for *.csv.")
  Path path;

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Base URL of the engine (default ${DEFAULT-VALUE}).")
  URI url;

  @Option(names = "--batch", defaultValue = "1000", description = "Points per request (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Override
  public Integer call() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    URI endpoint = url.resolve("/api/v1/metrics");
    if (!Files.exists(path)) {
      throw new UserError("no such file or folder: " + path);
    }
    long total = 0;
    List<ReplayFile> files = ReplayFile.find(path);
    ProgressLine progress = new ProgressLine("replay: files");
    int done = 0;
    for (ReplayFile file : files) {
      List<MetricPoint> points = file.read();
      for (int from = 0; from < points.size(); from += batchSize) {
        JsonArray batch = new JsonArray();
        for (MetricPoint point : points.subList(from, Math.min(points.size(), from + batchSize))) {
          JsonObject json = Wire.point(point);
          batch.add(new JsonObject()
              .put("namespace", json.getString("namespace"))
              .put("metric", json.getString("metric"))
              .put("dimensions", json.getJsonObject("dimensions"))
              .put("timestamp", point.timestampMillis())
              .put("value", point.value()));
        }
        send(client, endpoint, new JsonObject().put("points", batch).put("history", true));
        total += batch.size();
      }
      progress.update(++done, files.size(), total);
      System.out.printf("%s: %d points as series %s (%s)%n", file.path(), points.size(), file.series().id(), file.series().canonical());
    }
    progress.finish();
    System.out.printf("replayed %d points%n", total);
    return 0;
  }

  private static void send(HttpClient client, URI endpoint, JsonObject body) throws IOException, InterruptedException {
    try {
      sendOnce(client, endpoint, body);
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new UserError("cannot reach the engine at " + endpoint + " (is it running? --url names it)", e);
    }
  }

  private static void sendOnce(HttpClient client, URI endpoint, JsonObject body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
        .build();
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 202) {
        return;
      }
      if (response.statusCode() != 503 || attempt == MAX_ATTEMPTS) {
        throw new IOException("the engine refused a batch with " + response.statusCode() + ": " + response.body());
      }
      long waitSeconds = response.headers().firstValueAsLong("Retry-After").orElse(5);
      Thread.sleep(Duration.ofSeconds(waitSeconds).toMillis());
    }
  }
}
