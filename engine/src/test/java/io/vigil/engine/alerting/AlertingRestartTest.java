package io.vigil.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vigil.engine.TestEngines;
import io.vigil.engine.VigilEngine;
import io.vigil.testing.Eventually;
import io.vigil.testing.ReceiverStub;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart on the same data directory while a notification is in flight to a receiver that is down:
 * the second engine still has the subscription and the alert, re-sends the notification with the
 * same delivery id once the receiver is back, and sends no second notification for the group.
 */
@Tag("slow")
class AlertingRestartTest {

  @TempDir
  Path dataDir;

  @Test
  void anInFlightNotificationSurvivesARestartWithItsDeliveryId() {
    Vertx vertx = Vertx.vertx();
    ReceiverStub receiver = new ReceiverStub().start(vertx).await();
    receiver.answer("/down", () -> 503);
    String[] settings = AlertingEngineTest.testSettings(AlertingEngineTest.TOKEN, "120");
    VigilEngine first = TestEngines.start(dataDir, settings);
    String deliveryId;
    try {
      WebClient http = AlertingEngineTest.http(vertx, first);
      AlertingEngineTest.subscribe(http, AlertingEngineTest.webhookSubscription("restart", "restart-svc", receiver.url("/down")))
          .compose(created -> AlertingEngineTest.produceAnomaly(vertx, first, "restart-svc", "CPUUtilization"))
          .compose(produced -> Eventually.succeeds(vertx, 100, 100, () -> {
            assertThat(receiver.at("/down")).hasSizeGreaterThanOrEqualTo(2);
            return Future.succeededFuture();
          })).await();
      deliveryId = receiver.at("/down").get(0).deliveryId();
    } finally {
      first.close();
    }
    int beforeRestart = receiver.at("/down").size();
    receiver.answer("/down", () -> 200);

    VigilEngine second = TestEngines.start(dataDir, settings);
    try {
      WebClient http = AlertingEngineTest.http(vertx, second);
      Eventually.succeeds(vertx, 150, 100, () -> {
        assertThat(receiver.at("/down").size()).isGreaterThan(beforeRestart);
        return Future.succeededFuture();
      }).await();
      List<ReceiverStub.Received> all = receiver.at("/down");
      assertThat(all).extracting(ReceiverStub.Received::deliveryId).containsOnly(deliveryId);
      JsonObject subscriptions = http.get("/api/v1/subscriptions").send().await().bodyAsJsonObject();
      assertThat(subscriptions.getJsonArray("subscriptions")).hasSize(1);
      JsonObject alerts = http.get("/api/v1/alerts?state=firing").send().await().bodyAsJsonObject();
      assertThat(alerts.getJsonArray("alerts")).hasSize(1);
      JsonObject delivered = Eventually.succeeds(vertx, 50, 100, () -> http.get("/api/v1/deliveries?status=delivered").send().map(response -> {
        assertThat(response.bodyAsJsonObject().getJsonArray("deliveries")).isNotEmpty();
        return response.bodyAsJsonObject();
      })).await();
      assertThat(delivered.getJsonArray("deliveries").getJsonObject(0).getString("deliveryId")).isEqualTo(deliveryId);
      // Group state was restored: no new notification (new delivery id) for the same group afterwards.
      vertx.timer(1500).await();
      assertThat(receiver.at("/down")).extracting(ReceiverStub.Received::deliveryId).containsOnly(deliveryId);
    } finally {
      second.close();
      vertx.close().await();
    }
  }
}
