package io.vigil.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vigil.engine.Eventually;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher jar, killed with SIGKILL while a notification is being retried against a
 * receiver that is down, and restarted on the same data directory: the notification is delivered
 * after the restart with the delivery id it had before, and no other notification is sent.
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class AlertingKillRestartIT {

  private static final long STEP_MILLIS = 60_000;
  private static final int POINTS = 300;

  @TempDir
  Path dataDir;

  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopProcesses() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  @Timeout(value = 240, timeUnit = TimeUnit.SECONDS)
  void killMinusNineLosesNoNotification(Vertx vertx, VertxTestContext test) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    ReceiverStub receiver = new ReceiverStub();
    receiver.answer("/down", () -> 503);
    Process first = launch(port, "first");
    String[] deliveryId = new String[1];
    receiver.start(vertx)
        .compose(started -> waitReady(vertx, http))
        .compose(ready -> http.post("/api/v1/subscriptions").sendJsonObject(
            AlertingEngineTest.webhookSubscription("kill", "kill-svc", receiver.url("/down")).put("repeatInterval", "24h")))
        .compose(created -> {
          test.verify(() -> assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201));
          return pushSpikeEndingNow(http);
        })
        .compose(pushed -> Eventually.succeeds(vertx, 300, 200, () -> {
          assertThat(receiver.at("/down")).hasSizeGreaterThanOrEqualTo(3);
          return Future.succeededFuture();
        }))
        .compose(retried -> {
          deliveryId[0] = receiver.at("/down").get(0).deliveryId();
          first.destroyForcibly();
          return vertx.executeBlocking(() -> {
            first.waitFor();
            receiver.answer("/down", () -> 200);
            return launch(port, "second");
          }).compose(second -> waitReady(vertx, http));
        })
        .compose(restarted -> Eventually.succeeds(vertx, 300, 200, () -> http.get("/api/v1/deliveries?status=delivered").send().map(response -> {
          assertThat(response.bodyAsJsonObject().getJsonArray("deliveries")).extracting(item -> ((JsonObject) item).getString("deliveryId"))
              .contains(deliveryId[0]);
          return response;
        })))
        .compose(delivered -> vertx.timer(2000))
        .onComplete(test.succeeding(waited -> test.verify(() -> {
          assertThat(receiver.at("/down")).extracting(ReceiverStub.Received::deliveryId).containsOnly(deliveryId[0]);
          test.completeNow();
        })));
  }

  private Process launch(int port, String name) throws IOException {
    Path jar = Path.of(System.getProperty("vigil.jar", "target/vigil.jar"));
    Path log = dataDir.resolveSibling(dataDir.getFileName() + "-alerting-" + name + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
        "start", "--data-dir", dataDir.toString(),
        "--set", "http.port=" + port, "--set", "demo.enabled=false", "--set", "kafka.partitions=2"));
    for (String setting : new String[] {"alerting.allowPrivateReceivers=true", "alerting.tickMillis=100", "alerting.retryInitialMillis=200",
        "alerting.retryMaxMillis=500", "alerting.maxDeliveryAgeSeconds=300", "alerting.recoverySeconds=3600"}) {
      command.add("--set");
      command.add(setting);
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(process);
    return process;
  }

  private static Future<Void> waitReady(Vertx vertx, WebClient http) {
    return Eventually.succeeds(vertx, 300, 300, () -> http.get("/ready").send().map(response -> {
      assertThat(response.statusCode()).isEqualTo(200);
      return null;
    }));
  }

  /** N(50,1) at one-minute steps up to a minute ago, and 95 at the last point. */
  private static Future<Void> pushSpikeEndingNow(WebClient http) {
    long last = (System.currentTimeMillis() / STEP_MILLIS - 1) * STEP_MILLIS;
    SplittableRandom random = new SplittableRandom(5);
    JsonArray points = new JsonArray();
    for (int i = 0; i <= POINTS; i++) {
      points.add(new JsonObject().put("namespace", "AWS/ECS").put("metric", "CPUUtilization")
          .put("dimensions", new JsonObject().put("ServiceName", "kill-svc"))
          .put("timestamp", last - (POINTS - i) * STEP_MILLIS)
          .put("value", i == POINTS ? 95.0 : 50 + random.nextGaussian()));
    }
    return http.post("/api/v1/metrics").sendJsonObject(new JsonObject().put("points", points)).map(response -> {
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
      return null;
    });
  }
}
