package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Stopping the engine leaves every consumer group cleanly: the revoke a stage's own close brings
 * does not use the closing consumer again, so Kafka's client never sees it from a second thread.
 */
@ExtendWith(VertxExtension.class)
class CleanShutdownTest {

  @TempDir
  Path dataDir;

  @Test
  void stoppingTheEngineUsesNoConsumerFromTwoThreads(Vertx vertx) {
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    captured.setContext(root.getLoggerContext());
    captured.start();
    root.addAppender(captured);
    try {
      try (VigilEngine engine = TestEngines.start(dataDir)) {
        WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
        JsonArray points = new JsonArray();
        for (int i = 0; i < 20; i++) {
          points.add(new JsonObject().put("namespace", "AWS/ECS").put("metric", "CPUUtilization")
              .put("dimensions", new JsonObject().put("ServiceName", "svc-" + i)).put("timestamp", Instant.now().toString()).put("value", 10.0 + i));
        }
        assertThat(http.post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", points)).await().statusCode()).isEqualTo(202);
        assertThat(http.get("/ready").send().await().statusCode()).isEqualTo(200);
      }
    } finally {
      root.detachAppender(captured);
    }
    List<String> warnings = captured.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
        .map(ILoggingEvent::getFormattedMessage).filter(message -> message.contains("not safe for multi-threaded access")).toList();
    assertThat(warnings).isEmpty();
  }
}
