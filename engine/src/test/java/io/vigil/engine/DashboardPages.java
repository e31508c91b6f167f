package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vigil.testing.Eventually;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the dashboard's browser tests share: pushing a series, REST reads, waits and screenshots. */
final class DashboardPages {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final long STEP_MILLIS = 10_000;

  private DashboardPages() {}

  static WebClient client(VigilEngine engine) {
    return WebClient.create(engine.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
  }

  /** A wait that looks again when the page re-rendered the element it found. */
  static WebDriverWait waiting(ChromeDriver browser, int seconds) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(250));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  static void screenshot(ChromeDriver browser, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  /**
   * Pushes {@code count} points of a steady CPU series of {@code service}, one per {@link #STEP_MILLIS}
   * from {@code startMillis}, the value at {@code spikeIndex} (if in range) far above the rest.
   */
  static void push(WebClient http, String service, long startMillis, int from, int to, int spikeIndex) {
    SplittableRandom random = new SplittableRandom(7);
    JsonArray points = new JsonArray();
    for (int i = 0; i < to; i++) {
      double value = i == spikeIndex ? 98.0 : 30 + random.nextGaussian();
      if (i >= from) {
        points.add(new JsonObject().put("namespace", "AWS/ECS").put("metric", "CPUUtilization")
            .put("dimensions", new JsonObject().put("ClusterName", "browser").put("ServiceName", service))
            .put("timestamp", startMillis + i * STEP_MILLIS).put("value", value).put("unit", "Percent"));
      }
    }
    int status = http.post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", points)).await().statusCode();
    assertThat(status).as("push for " + service).isEqualTo(202);
  }

  static JsonObject getJson(WebClient http, String path) {
    return http.get(path).send().await().bodyAsJsonObject();
  }

  /** Waits until the CPU series {@link #push} writes for {@code service} has {@code count} scored points. */
  static void awaitPoints(VigilEngine engine, String service, int count) {
    WebClient http = client(engine);
    Eventually.succeeds(engine.vertx(), 300, 200, () -> http.get("/api/v1/series?service=" + service).send().compose(listing -> {
      JsonArray series = listing.bodyAsJsonObject().getJsonArray("series");
      if (series.isEmpty()) {
        return Future.failedFuture("no series yet for " + service);
      }
      return http.get("/api/v1/series/" + series.getJsonObject(0).getString("id") + "/points?limit=10000").send();
    }).map(response -> {
      assertThat(response.bodyAsJsonObject().getJsonArray("points")).as("points of " + service).hasSize(count);
      return null;
    })).await();
  }
}
