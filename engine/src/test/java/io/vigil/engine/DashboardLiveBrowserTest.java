package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vigil.testing.Eventually;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What a user does on the dashboard, in Debian's chromium, with series pushed over HTTP: a spike
 * appears live on its chart as a marker that opens the anomaly; an alert is acknowledged, marked
 * not an anomaly and silenced from the Alerts page, each checked through the REST API.
 */
@Tag("slow")
class DashboardLiveBrowserTest {

  private static final int TRAINING_POINTS = 300;

  @RegisterExtension
  static final EngineExtension ENGINE = new EngineExtension();

  private String origin() {
    return "http://127.0.0.1:" + ENGINE.httpPort();
  }

  /** The first point's time, so that the point after the training ones is now. */
  private static long trainingStart() {
    return System.currentTimeMillis() - TRAINING_POINTS * DashboardPages.STEP_MILLIS;
  }

  /**
   * Presses and releases on the chart where the value {@code value} at {@code timeMillis} is drawn:
   * the page's own hit-testing of markers decides what opens. The events are dispatched at those
   * coordinates rather than moved to by the driver's pointer, whose path across the live chart
   * (tooltips, a redraw in between) made the click land elsewhere now and then.
   */
  private static void clickAt(ChromeDriver browser, WebElement chart, long timeMillis, double value) {
    browser.executeScript("""
        const plot = arguments[0].vigilChart.plot, over = plot.over.getBoundingClientRect();
        // One pixel inside: the newest point is drawn on the plotting area's right edge.
        const at = { clientX: over.left + plot.valToPos(arguments[1] / 1000, 'x') - 1, clientY: over.top + plot.valToPos(arguments[2], 'y'),
          bubbles: true, cancelable: true, view: window };
        plot.over.dispatchEvent(new MouseEvent('mousedown', at));
        plot.over.dispatchEvent(new MouseEvent('mouseup', at));
        plot.over.dispatchEvent(new MouseEvent('click', at));""", chart, timeMillis, value);
  }

  /** The element once it is displayed, or null if it is not within {@code seconds}. */
  private static WebElement shownWithin(ChromeDriver browser, By selector, int seconds) {
    try {
      return DashboardPages.waiting(browser, seconds).until(driver -> {
        WebElement element = driver.findElement(selector);
        return element.isDisplayed() ? element : null;
      });
    } catch (TimeoutException notShown) {
      return null;
    }
  }

  @Test
  void aPushedSpikeAppearsLiveAsAMarkerThatOpensItsAnomaly() throws Exception {
    WebClient http = DashboardPages.client(ENGINE.engine());
    long start = trainingStart();
    DashboardPages.push(http, "spike-live", start, 0, TRAINING_POINTS, -1);
    DashboardPages.awaitPoints(ENGINE.engine(), "spike-live", TRAINING_POINTS);
    ChromeDriver browser = Chromium.start();
    try {
      browser.get(origin() + "/#/services/spike-live?from=-1h");
      var wait = DashboardPages.waiting(browser, 120);
      wait.until(driver -> driver.findElement(By.id("connection")).getText().equals("live"));
      By chartSelector = By.cssSelector(".chart-card[data-metric='CPUUtilization'] .chart");
      wait.until(driver -> driver.findElement(chartSelector).getAttribute("data-points").equals(String.valueOf(TRAINING_POINTS)));
      assertThat(browser.findElement(chartSelector).getAttribute("data-markers")).isEqualTo("0");

      DashboardPages.push(http, "spike-live", start, TRAINING_POINTS, TRAINING_POINTS + 1, TRAINING_POINTS);
      wait.until(driver -> driver.findElement(chartSelector).getAttribute("data-markers").equals("1"));
      WebElement chart = browser.findElement(chartSelector);
      assertThat(chart.getAttribute("data-points")).as("the spike was appended, nothing doubled").isEqualTo(String.valueOf(TRAINING_POINTS + 1));

      long spikeMillis = start + TRAINING_POINTS * DashboardPages.STEP_MILLIS;
      // The live window follows the clock, so a redraw between reading the marker's position and the
      // click can move it by a pixel or two: a missed click is tried again from the new position.
      WebElement detail = null;
      for (int attempt = 0; attempt < 5 && detail == null; attempt++) {
        clickAt(browser, chart, spikeMillis, 98);
        detail = shownWithin(browser, By.id("anomaly-detail"), 10);
      }
      assertThat(detail).as("the anomaly panel opened from a click on the marker").isNotNull();
      JsonObject anomaly = DashboardPages.getJson(http, "/api/v1/anomalies?service=spike-live").getJsonArray("anomalies").getJsonObject(0);
      assertThat(detail.getAttribute("data-anomaly-id")).isEqualTo(anomaly.getString("id"));
      assertThat(detail.findElement(By.cssSelector(".detector")).getText()).isEqualTo(anomaly.getString("detector"));
      assertThat(detail.findElement(By.cssSelector(".score")).getText()).isEqualTo(String.format("%.3f", anomaly.getDouble("score")));
      DashboardPages.screenshot(browser, "spike-live");
    } finally {
      browser.quit();
    }
  }

  @Test
  void anAlertIsAcknowledgedJudgedAndSilencedFromThePage() throws Exception {
    WebClient http = DashboardPages.client(ENGINE.engine());
    DashboardPages.push(http, "spike-alert", trainingStart(), 0, TRAINING_POINTS + 1, TRAINING_POINTS);
    JsonObject alert = Eventually.succeeds(ENGINE.engine().vertx(), 300, 200, () -> http.get("/api/v1/alerts?state=firing").send().map(response -> {
      List<JsonObject> firing = response.bodyAsJsonObject().getJsonArray("alerts").stream().map(JsonObject.class::cast)
          .filter(a -> "spike-alert".equals(a.getJsonObject("labels").getString("service"))).toList();
      assertThat(firing).hasSize(1);
      return firing.get(0);
    })).await();
    String id = alert.getString("id");
    ChromeDriver browser = Chromium.start();
    try {
      browser.get(origin() + "/#/alerts");
      var wait = DashboardPages.waiting(browser, 60);
      String row = "li.alert[data-alert-id='" + id + "'] ";
      click(wait, row + "button.ack");
      awaitAlert(http, id, a -> a.getBoolean("acknowledged"));

      click(wait, row + "button.not-anomaly");
      awaitAlert(http, id, a -> a.getJsonArray("feedback").stream().map(JsonObject.class::cast)
          .anyMatch(feedback -> "not_anomaly".equals(feedback.getString("verdict"))));

      click(wait, row + "button.silence");
      wait.until(driver -> driver.findElement(By.id("silence-form")).isDisplayed());
      DashboardPages.screenshot(browser, "alert-silence-form");
      click(wait, "#silence-submit");
      wait.until(driver -> driver.findElement(By.id("alert-message")).getText().startsWith("silence "));
      DashboardPages.screenshot(browser, "alert-silenced");
    } finally {
      browser.quit();
    }
    JsonArray silences = DashboardPages.getJson(http, "/api/v1/silences").getJsonArray("silences");
    assertThat(silences).hasSize(1);
    Map<String, String> matchers = silences.getJsonObject(0).getJsonArray("matchers").stream().map(JsonObject.class::cast)
        .peek(matcher -> assertThat(matcher.getBoolean("isRegex")).isFalse())
        .collect(Collectors.toMap(m -> m.getString("name"), m -> m.getString("value"), (a, b) -> a, TreeMap::new));
    Map<String, String> labels = new TreeMap<>();
    alert.getJsonObject("labels").forEach(entry -> labels.put(entry.getKey(), (String) entry.getValue()));
    // The insight the alert joined is offered unticked: the silence is for the alert, not only this incident.
    labels.remove("insight");
    assertThat(matchers).as("the silence's matchers are the alert's labels but its insight").isEqualTo(labels);
  }

  /** Finds and clicks in one step, again when the page re-rendered the element in between. */
  private static void click(org.openqa.selenium.support.ui.WebDriverWait wait, String css) {
    wait.until(driver -> {
      List<WebElement> found = driver.findElements(By.cssSelector(css));
      if (found.isEmpty() || !found.get(0).isDisplayed()) {
        return false;
      }
      found.get(0).click();
      return true;
    });
  }

  private static void awaitAlert(WebClient http, String id, java.util.function.Predicate<JsonObject> condition) {
    Eventually.succeeds(ENGINE.engine().vertx(), 100, 200, () -> http.get("/api/v1/alerts/" + id).send().map(response -> {
      assertThat(condition.test(response.bodyAsJsonObject())).as(response.bodyAsString()).isTrue();
      return null;
    })).await();
  }
}
