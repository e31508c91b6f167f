package io.vigil.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}, see
 * scripts/test-tools.sh) on a free loopback port, clustering off, its state in a test's folder,
 * routing everything to one webhook receiver with no group wait. Blocking calls; for test threads.
 */
public final class LocalAlertmanager implements AutoCloseable {

  private final LocalProcess process;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private LocalAlertmanager(LocalProcess process) {
    this.process = process;
  }

  /**
   * Starts one whose only route sends to {@code webhookUrl} (receiver {@code receiverName}), grouped
   * by {@code groupBy}, resolved notifications included.
   */
  public static LocalAlertmanager start(Path folder, String receiverName, String webhookUrl, String groupBy) {
    String executable = LocalProcess.executable("prometheus-alertmanager",
        List.of("prometheus-alertmanager", "/usr/bin/prometheus-alertmanager", "alertmanager"));
    int port = LocalProcess.freePort();
    try {
      Files.createDirectories(folder);
      Path config = folder.resolve("alertmanager.yml");
      Files.writeString(config, """
          route:
            receiver: %s
            group_by: [%s]
            group_wait: 0s
            group_interval: 1s
            repeat_interval: 1h
          receivers:
            - name: %s
              webhook_configs:
                - url: %s
                  send_resolved: true
          """.formatted(receiverName, groupBy, receiverName, webhookUrl));
      return new LocalAlertmanager(LocalProcess.start("alertmanager", List.of(executable,
          "--config.file=" + config, "--storage.path=" + folder.resolve("data"),
          "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=", "--log.level=warn"),
          port, folder.resolve("alertmanager.log")));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the Alertmanager configuration under " + folder, e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + process.port();
  }

  /** Posts alerts (a JSON array as Alertmanager's API v2 takes them); fails unless it answers 200. */
  public void postAlerts(String alertsJson) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v2/alerts"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alertsJson)));
    if (response.statusCode() != 200) {
      throw new AssertionError("Alertmanager refused the alerts with " + response.statusCode() + ": " + response.body());
    }
  }

  /** The alerts it holds now, as GET /api/v2/alerts lists them (a JSON array). */
  public String alerts() {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v2/alerts")).GET()).body();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("Alertmanager at " + baseUrl() + " did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
