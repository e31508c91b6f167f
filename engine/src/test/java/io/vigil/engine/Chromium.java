package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium, headless, for the browser tests: a fresh profile each time, and the flags that
 * keep it from reaching for the network this machine does not have.
 */
final class Chromium {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  static ChromeDriver start() throws IOException {
    return start(false);
  }

  /** With Chrome's performance log on: every request the page makes, WebSockets too, as DevTools events. */
  static ChromeDriver startWithNetworkLog() throws IOException {
    return start(true);
  }

  private static ChromeDriver start(boolean networkLog) throws IOException {
    assertThat(CHROMIUM).as("Debian's chromium (scripts/test-tools.sh installs it)").exists();
    assertThat(CHROMEDRIVER).as("Debian's chromium-driver (scripts/test-tools.sh installs it)").exists();
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1280,900", "--user-data-dir=" + Files.createTempDirectory("vigil-chromium"));
    if (networkLog) {
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.PERFORMANCE, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
    }
    return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
  }
}
