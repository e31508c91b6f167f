package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The server restarts under an open service page (same port, same data): the page shows that it
 * is disconnected, reconnects by itself, and then shows every point written meanwhile, each once.
 */
@Tag("slow")
class DashboardReconnectBrowserTest {

  private static final String SERVICE = "reconnect";
  private static final int BEFORE = 100;
  private static final int AFTER = 120;

  @TempDir
  Path dataDir;

  @Test
  void afterARestartThePageReconnectsAndShowsThePointsWrittenMeanwhile() throws Exception {
    int port = freePort();
    long start = System.currentTimeMillis() - 200 * DashboardPages.STEP_MILLIS;
    VigilEngine engine = TestEngines.start(dataDir, "http.port=" + port);
    ChromeDriver browser = Chromium.start();
    try {
      DashboardPages.push(DashboardPages.client(engine), SERVICE, start, 0, BEFORE, -1);
      DashboardPages.awaitPoints(engine, SERVICE, BEFORE);
      browser.get("http://127.0.0.1:" + port + "/#/services/" + SERVICE + "?from=-1h");
      var wait = DashboardPages.waiting(browser, 120);
      By chart = By.cssSelector(".chart-card[data-metric='CPUUtilization'] .chart");
      wait.until(driver -> driver.findElement(chart).getAttribute("data-points").equals(String.valueOf(BEFORE)));

      engine.close();
      wait.until(driver -> driver.findElement(By.id("connection")).getText().startsWith("disconnected"));
      DashboardPages.screenshot(browser, "reconnect-disconnected");

      engine = TestEngines.start(dataDir, "http.port=" + port);
      DashboardPages.push(DashboardPages.client(engine), SERVICE, start, BEFORE, AFTER, -1);
      DashboardPages.awaitPoints(engine, SERVICE, AFTER);
      wait.until(driver -> driver.findElement(By.id("connection")).getText().equals("live"));
      wait.until(driver -> driver.findElement(chart).getAttribute("data-points").equals(String.valueOf(AFTER)));
      long last = start + (AFTER - 1) * DashboardPages.STEP_MILLIS;
      assertThat(browser.findElement(chart).getAttribute("data-last")).isEqualTo(String.valueOf(last));
      DashboardPages.screenshot(browser, "reconnect-filled");
    } finally {
      browser.quit();
      engine.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
