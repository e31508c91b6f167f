package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vigil.testing.Eventually;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The service page shows a deployment's verdict, in Debian's chromium: a deployment announced over
 * the API, after which the service's response time is clearly higher, is listed as failed with its
 * first reason, its evidence names TargetResponseTime as worse, and each chart marks its start.
 */
@Tag("slow")
class DashboardDeploymentBrowserTest {

  private static final String SERVICE = "deploy-page";

  @RegisterExtension
  static final EngineExtension ENGINE = new EngineExtension("deployments.checkpointIntervalSeconds=1");

  private static JsonObject point(String namespace, String metric, Instant at, double value) {
    return new JsonObject().put("namespace", namespace).put("metric", metric)
        .put("dimensions", new JsonObject().put("ServiceName", SERVICE)).put("timestamp", at.toString()).put("value", value).put("unit", "None");
  }

  @Test
  void theServicePageShowsTheVerdictWithItsEvidenceAndMarksTheDeployment() throws Exception {
    WebClient http = DashboardPages.client(ENGINE.engine());
    Instant now = Instant.now();
    Instant startedAt = now.minus(Duration.ofMinutes(20));
    assertThat(http.post("/api/v1/deployments").sendJsonObject(new JsonObject().put("id", "page-release").put("service", SERVICE)
        .put("version", "v9").put("startedAt", startedAt.toString()).put("completedAt", startedAt.plusSeconds(60).toString())).await().statusCode())
        .isEqualTo(202);
    SplittableRandom random = new SplittableRandom(11);
    JsonArray points = new JsonArray();
    for (Instant at = startedAt.minus(Duration.ofMinutes(30)); at.isBefore(now.minusSeconds(30)); at = at.plusSeconds(30)) {
      points.add(point("AWS/ApplicationELB", "TargetResponseTime", at, (at.isBefore(startedAt.plusSeconds(60)) ? 0.15 : 0.5) + 0.008 * random.nextGaussian()));
      points.add(point("AWS/ECS", "CPUUtilization", at, 30 + 2 * random.nextGaussian()));
    }
    assertThat(http.post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", points)).await().statusCode()).isEqualTo(202);
    Eventually.succeeds(ENGINE.engine().vertx(), 300, 200, () -> http.get("/api/v1/deployments/page-release").send().compose(response ->
        response.statusCode() == 200 && "fail".equals(response.bodyAsJsonObject().getString("status")) ? Future.succeededFuture()
            : Future.failedFuture("not failed yet: " + response.bodyAsString()))).await();

    ChromeDriver browser = Chromium.start();
    try {
      browser.get("http://127.0.0.1:" + ENGINE.httpPort() + "/#/services/" + SERVICE + "?from=-1h");
      var wait = DashboardPages.waiting(browser, 120);
      WebElement listed = wait.until(driver -> driver.findElement(By.cssSelector("#deployments li[data-deployment-id='page-release']")));
      assertThat(listed.findElement(By.cssSelector(".verdict")).getText()).isEqualTo("fail");
      assertThat(listed.findElement(By.cssSelector(".reason")).getText()).startsWith("TargetResponseTime rose");
      WebElement row = browser.findElement(By.cssSelector(".verdict-evidence tr[data-metric='TargetResponseTime']"));
      assertThat(row.getAttribute("class")).isEqualTo("worse");
      wait.until(driver -> driver.findElements(By.cssSelector(".chart[data-deployments='1']")).size() >= 2);
      DashboardPages.screenshot(browser, "service-deployment");
    } finally {
      browser.quit();
    }
  }
}
