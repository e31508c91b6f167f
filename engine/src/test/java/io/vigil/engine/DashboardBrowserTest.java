package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The acceptance check of the first page, in Debian's chromium: with the demo workload on (the
 * defaults), the demo's anomalies appear in the page's live feed and its chart draws a series.
 */
@Tag("slow")
class DashboardBrowserTest {

  @TempDir
  static Path dataDir;

  private static VigilEngine engine;

  @BeforeAll
  static void startEngine() {
    engine = TestEngines.start(dataDir, "demo.enabled=true", "demo.backfillMinutes=180");
  }

  @AfterAll
  static void stopEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void demoAnomaliesAppearOnThePage() throws Exception {
    ChromeDriver browser = Chromium.start();
    try {
      browser.get("http://127.0.0.1:" + engine.httpPort() + "/");
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120), Duration.ofMillis(500));
      wait.until(driver -> driver.findElement(By.id("connection")).getText().equals("live"));
      // The feed re-renders as anomalies stream in: read the text in the same step that finds the
      // item, and look again if the item was replaced in between.
      wait.ignoring(StaleElementReferenceException.class);
      String firstAnomaly = wait.until(driver -> {
        List<WebElement> items = driver.findElements(By.cssSelector("#feed li"));
        return items.isEmpty() ? null : items.get(0).getText();
      });
      assertThat(firstAnomaly).containsAnyOf("api", "worker", "web", "demo-db", "demo-alb");
      wait.until(driver -> !driver.findElements(By.cssSelector("#chart polyline.value")).isEmpty());
      Path screenshot = Path.of("target", "dashboard.png");
      Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.quit();
    }
  }
}
