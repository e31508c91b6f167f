package io.vigil.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vigil.engine.VigilProcess;
import io.vigil.testing.Eventually;
import io.vigil.testing.ReceiverStub;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

  private VigilProcess vigil;

  @BeforeEach
  void prepare() {
    vigil = new VigilProcess(dataDir, List.of("alerting.allowPrivateReceivers=true", "alerting.tickMillis=100",
        "alerting.retryInitialMillis=200", "alerting.retryMaxMillis=500", "alerting.maxDeliveryAgeSeconds=300",
        "alerting.recoverySeconds=3600"));
  }

  @AfterEach
  void stopProcesses() {
    vigil.close();
  }

  @Test
  @Timeout(value = 240, timeUnit = TimeUnit.SECONDS)
  void killMinusNineLosesNoNotification(Vertx vertx, VertxTestContext test) throws IOException {
    WebClient http = vigil.client(vertx);
    ReceiverStub receiver = new ReceiverStub();
    receiver.answer("/down", () -> 503);
    Process first = vigil.launch("alerting-first");
    String[] deliveryId = new String[1];
    receiver.start(vertx)
        .compose(started -> VigilProcess.waitReady(vertx, http))
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
            return vigil.launch("alerting-second");
          }).compose(second -> VigilProcess.waitReady(vertx, http));
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
