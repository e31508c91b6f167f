package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A page of another origin, open in a real browser (Debian's chromium), tries what a hostile page
 * would against a default install on loopback: a "simple" cross-origin fetch (text/plain, no
 * preflight) and an HTML form post that would create a catch-all subscription and a mute-all
 * silence. Neither may write.
 */
@Tag("slow")
class CrossOriginBrowserTest {

  @TempDir
  static Path dataDir;

  private static VigilEngine engine;
  private static Vertx vertx;
  private static HttpServer hostile;

  @BeforeAll
  static void start() {
    engine = TestEngines.start(dataDir);
    vertx = Vertx.vertx();
    String vigil = "http://127.0.0.1:" + engine.httpPort();
    String subscription = "{\\\"name\\\":\\\"leak\\\",\\\"match\\\":{},\\\"receiver\\\":{\\\"type\\\":\\\"websocket\\\"}}";
    String page = """
        <html><body>
        <form id="silence" method="POST" enctype="text/plain" action="%1$s/api/v1/silences">
          <input name='{"matchers":["service=~.+"],"endsAt":"2099-01-01T00:00:00Z","comment":"x","author":"x","pad":"' value='"}'>
        </form>
        <p id="fetched">pending</p>
        <script>
          fetch("%1$s/api/v1/subscriptions", {method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"},
                body: "%2$s"})
            .then(() => document.getElementById("fetched").textContent = "sent", () => document.getElementById("fetched").textContent = "sent");
        </script>
        </body></html>
        """.formatted(vigil, subscription);
    // Another origin: the same host on another port.
    hostile = vertx.createHttpServer()
        .requestHandler(request -> request.response().putHeader("Content-Type", "text/html").end(page))
        .listen(0, "127.0.0.1").await();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void aPageOfAnotherOriginCannotWrite() throws Exception {
    ChromeDriver browser = Chromium.start();
    try {
      browser.get("http://127.0.0.1:" + hostile.actualPort() + "/");
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(200));
      wait.until(driver -> driver.findElement(By.id("fetched")).getText().equals("sent"));
      browser.findElement(By.id("silence")).submit();
      // The form navigates to Vigil's answer: the refusal, in the error envelope.
      wait.until(driver -> driver.getPageSource().contains("\"error\""));
    } finally {
      browser.quit();
    }
    WebClient http = WebClient.create(vertx);
    JsonArray subscriptions = http.get(engine.httpPort(), "127.0.0.1", "/api/v1/subscriptions").send().await()
        .bodyAsJsonObject().getJsonArray("subscriptions");
    JsonArray silences = http.get(engine.httpPort(), "127.0.0.1", "/api/v1/silences").send().await()
        .bodyAsJsonObject().getJsonArray("silences");
    assertThat(subscriptions).as("subscriptions after the hostile page").isEmpty();
    assertThat(silences).as("silences after the hostile page").isEmpty();
  }
}
