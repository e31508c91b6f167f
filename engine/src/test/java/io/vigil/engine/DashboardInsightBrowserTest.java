package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vigil.testing.Eventually;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The service page shows a real insight, in Debian's chromium: an incident pushed over HTTP (memory
 * climbing past 90%, then the container killed for memory) opens one insight, and the page lists it
 * with its first cause as the API ranks it.
 */
@Tag("slow")
class DashboardInsightBrowserTest {

  private static final String SERVICE = "leaky-page";

  @RegisterExtension
  static final EngineExtension ENGINE = new EngineExtension("health.checkpointIntervalSeconds=1");

  private static JsonObject memory(Instant at, double value) {
    return new JsonObject().put("namespace", "AWS/ECS").put("metric", "MemoryUtilization")
        .put("dimensions", new JsonObject().put("ClusterName", "browser").put("ServiceName", SERVICE))
        .put("timestamp", at.toString()).put("value", value).put("unit", "Percent");
  }

  @Test
  void theServicePageListsItsInsightWithTheFirstCause() throws Exception {
    WebClient http = DashboardPages.client(ENGINE.engine());
    Instant now = Instant.now();
    JsonArray points = new JsonArray();
    for (int minute = 30; minute >= 1; minute--) {
      points.add(memory(now.minusSeconds(minute * 60L), minute > 6 ? 40 + (minute % 3) : 97 - minute));
    }
    assertThat(http.post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", points)).await().statusCode()).isEqualTo(202);
    JsonObject kill = new JsonObject().put("logGroup", "/aws/ecs/events").put("logStream", "browser").put("timestamp", now.toString())
        .put("message", "(service " + SERVICE + ") (task 1a2b) Task stopped: Essential container in task exited. OutOfMemoryError: Container killed due to memory usage. Exit Code 137");
    assertThat(http.post("/api/v1/logs").sendJsonObject(new JsonObject().put("events", new JsonArray().add(kill))).await().statusCode()).isEqualTo(202);

    JsonObject insight = Eventually.succeeds(ENGINE.engine().vertx(), 300, 200, () -> http.get("/api/v1/insights?service=" + SERVICE).send()
        .compose(response -> {
          JsonArray insights = response.bodyAsJsonObject().getJsonArray("insights");
          boolean complete = !insights.isEmpty() && insights.getJsonObject(0).getJsonArray("causes").getJsonObject(0).getString("description").startsWith("memory rose");
          return complete ? Future.succeededFuture(insights.getJsonObject(0)) : Future.failedFuture("not yet: " + response.bodyAsString());
        })).await();
    JsonObject firstCause = insight.getJsonArray("causes").getJsonObject(0);

    ChromeDriver browser = Chromium.start();
    try {
      browser.get("http://127.0.0.1:" + ENGINE.httpPort() + "/#/services/" + SERVICE + "?from=-1h");
      var wait = DashboardPages.waiting(browser, 120);
      WebElement shown = wait.until(driver -> driver.findElement(By.cssSelector("#insights li[data-insight-id='" + insight.getString("id") + "']")));
      String text = shown.getText();
      assertThat(text).startsWith("open · critical");
      assertThat(shown.findElement(By.cssSelector(".causes li")).getText())
          .isEqualTo(Math.round(firstCause.getDouble("confidence") * 100) + "% " + firstCause.getString("kind") + ": " + firstCause.getString("description"));
      assertThat(browser.findElements(By.cssSelector("#insights li[data-insight-id]"))).as("one incident, one insight").hasSize(1);
      DashboardPages.screenshot(browser, "service-insight");
    } finally {
      browser.quit();
    }
  }
}
