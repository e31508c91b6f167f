package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The dashboard with the demo workload, in Debian's chromium: the overview lists the demo's
 * services with their scores, worst first; a service page charts its metrics with the expected
 * band; and no page asks for anything outside Vigil's own origin.
 */
@Tag("slow")
class DashboardBrowserTest {

  private static final List<String> DEMO_SERVICES = List.of("api", "worker", "web", "demo-db");

  @RegisterExtension
  static final EngineExtension ENGINE = new EngineExtension("demo.enabled=true", "demo.backfillMinutes=120");

  private String origin() {
    return "http://127.0.0.1:" + ENGINE.httpPort();
  }

  @Test
  void overviewShowsEveryDemoServiceWithItsScoreWorstFirst() throws Exception {
    ChromeDriver browser = Chromium.start();
    try {
      browser.get(origin() + "/#/");
      var wait = DashboardPages.waiting(browser, 180);
      wait.until(driver -> driver.findElement(By.id("connection")).getText().equals("live"));
      wait.until(driver -> DEMO_SERVICES.stream().allMatch(service -> {
        List<WebElement> tiles = driver.findElements(By.cssSelector(".tile[data-service='" + service + "']"));
        return !tiles.isEmpty() && !tiles.get(0).getAttribute("data-score").isEmpty();
      }));
      // Tiles are redrawn live as health changes: read them in one script, so one rendering is checked.
      @SuppressWarnings("unchecked")
      List<List<String>> tiles = (List<List<String>>) browser.executeScript(
          "return [...document.querySelectorAll('#tiles .tile')].map(t => [t.dataset.score || '', t.querySelector('.score').textContent]);");
      List<Integer> scores = new ArrayList<>();
      for (List<String> tile : tiles) {
        String score = tile.get(0);
        if (!score.isEmpty()) {
          scores.add(Integer.parseInt(score));
        }
        assertThat(tile.get(1)).isEqualTo(score.isEmpty() ? "–" : score);
      }
      assertThat(scores).as("tile scores in page order").isSorted();
      WebClient http = DashboardPages.client(ENGINE.engine());
      wait.until(driver -> driver.findElement(By.cssSelector(".tile[data-service='api']")).getAttribute("class")
          .contains(DashboardPages.getJson(http, "/api/v1/health/api").getString("status")));
      DashboardPages.screenshot(browser, "overview");
    } finally {
      browser.quit();
    }
  }

  @Test
  void aServicePageChartsItsMetricsWithTheExpectedBand() throws Exception {
    ChromeDriver browser = Chromium.start();
    try {
      browser.get(origin() + "/#/services/api?from=-1h");
      var wait = DashboardPages.waiting(browser, 180);
      WebElement chart = wait.until(driver -> {
        List<WebElement> charts = driver.findElements(By.cssSelector(".chart-card[data-metric='CPUUtilization'] .chart"));
        return !charts.isEmpty() && Integer.parseInt(charts.get(0).getAttribute("data-banded")) > 0 ? charts.get(0) : null;
      });
      assertThat(chart.findElements(By.cssSelector(".uplot canvas"))).as("uPlot's canvas").isNotEmpty();
      assertThat(chart.findElements(By.cssSelector(".u-legend .u-series"))).as("legend: time, value, band low, band high, anomaly").hasSize(5);
      assertThat(Integer.parseInt(chart.getAttribute("data-points"))).isGreaterThanOrEqualTo(Integer.parseInt(chart.getAttribute("data-banded")));
      wait.until(driver -> !driver.findElement(By.id("service-health")).getAttribute("data-score").isEmpty());
      assertThat(browser.findElements(By.cssSelector(".chart-card")).size()).as("api's CPU and memory, and its ALB's series from the evidence")
          .isGreaterThanOrEqualTo(2);
      DashboardPages.screenshot(browser, "service-api");
    } finally {
      browser.quit();
    }
  }

  @Test
  void noPageRequestsAnythingOutsideVigilsOrigin() throws Exception {
    ChromeDriver browser = Chromium.startWithNetworkLog();
    Set<String> urls = new TreeSet<>();
    try {
      for (String page : List.of("#/", "#/services/api?from=-6h", "#/alerts", "#/recommendations", "#/sources")) {
        browser.get(origin() + "/" + page);
        var wait = DashboardPages.waiting(browser, 60);
        wait.until(driver -> driver.findElement(By.id("connection")).getText().equals("live"));
        wait.until(driver -> driver.findElements(By.cssSelector("#view .muted")).stream().noneMatch(p -> p.getText().startsWith("loading")));
        DashboardPages.screenshot(browser, "page-" + page.replaceAll("[^a-z]+", "-").replaceAll("^-|-$", ""));
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
          JsonObject message = new JsonObject(entry.getMessage()).getJsonObject("message");
          JsonObject params = message.getJsonObject("params", new JsonObject());
          // The browser's own pages (the new-tab page before the first navigation) are not the dashboard's.
          boolean fromDashboard = params.getString("documentURL", "").startsWith(origin() + "/");
          switch (message.getString("method")) {
            case "Network.requestWillBeSent" -> {
              String url = params.getJsonObject("request").getString("url");
              // data: URLs are inline content (Chromium's own icons for form controls), not requests that leave the page.
              if (fromDashboard && !url.startsWith("data:")) {
                urls.add(url);
              }
            }
            case "Network.webSocketCreated" -> urls.add(params.getString("url"));
            default -> { }
          }
        }
      }
    } finally {
      browser.quit();
    }
    String ws = origin().replace("http:", "ws:");
    assertThat(urls).as("the log saw the page, uPlot and the stream")
        .anyMatch(url -> url.contains("/vendor/uplot/")).anyMatch(url -> url.startsWith(ws + "/api/v1/stream"));
    assertThat(urls).allMatch(url -> url.startsWith(origin() + "/") || url.startsWith(ws + "/"), "on Vigil's origin");
  }
}
