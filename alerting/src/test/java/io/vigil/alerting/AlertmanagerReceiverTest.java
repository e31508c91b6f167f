package io.vigil.alerting;

import static io.vigil.alerting.AlertingFixtures.anomaly;
import static io.vigil.alerting.AlertingFixtures.config;
import static io.vigil.alerting.AlertingFixtures.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vigil.alerting.notify.DeliveryResult;
import io.vigil.alerting.notify.HttpReceivers;
import io.vigil.alerting.notify.Receiver;
import io.vigil.model.Severity;
import io.vigil.testing.Eventually;
import io.vigil.testing.LocalAlertmanager;
import io.vigil.testing.ManualClock;
import io.vigil.testing.ReceiverStub;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alertmanager receiver against a real Alertmanager (0.25, Debian's) on loopback: what Vigil
 * posts is listed by its /api/v2/alerts with Vigil's labels, routed by it to its own webhook
 * receiver, and resolved there when Vigil resolves it.
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class AlertmanagerReceiverTest {

  @TempDir
  Path folder;

  @Test
  void postedAlertsAreListedRoutedAndResolvedByAlertmanager(Vertx vertx) {
    ReceiverStub downstream = new ReceiverStub().start(vertx).await();
    try (LocalAlertmanager alertmanager = LocalAlertmanager.start(folder.resolve("am"), "team", downstream.url("/team"), "service")) {
      Subscription subscription = subscription("""
          {"name":"to-am","receiver":{"type":"alertmanager","url":"%s"},"groupBy":["service"],"groupWait":"0s"}"""
          .formatted(alertmanager.baseUrl()));
      assertThat(subscription.repeatIntervalMillis()).as("re-posted every minute by default").isEqualTo(60_000);
      ManualClock clock = new ManualClock(Instant.now().getEpochSecond() * 1000);
      Alert alert = new AlertEvaluator(config(1, 60, 60), clock, series -> 0.9)
          .onAnomaly(anomaly("api", "CPUUtilization", clock.millis() - 30_000, 0.99, Severity.CRITICAL)).orElseThrow();
      ReceiverUrlGuard guard = new ReceiverUrlGuard(vertx, true);
      Receiver receiver = HttpReceivers.create(WebClient.create(vertx), guard, config(1, 60, 60), Clock.systemUTC()).get("alertmanager");

      assertThat(receiver.send(notification(subscription, alert, "firing", clock)).await().outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
      JsonObject listed = Eventually.succeeds(vertx, 40, 250, () -> {
        JsonObject found = find(alertmanager, alert.id());
        assertThat(found).as("listed by Alertmanager").isNotNull();
        return Future.succeededFuture(found);
      }).await();
      assertThat(listed.getJsonObject("labels").getMap()).containsAllEntriesOf(new TreeMap<String, Object>(alert.labels()))
          .containsEntry("alertname", "CPUUtilization");
      assertThat(listed.getJsonObject("status").getString("state")).isEqualTo("active");
      assertThat(Instant.parse(listed.getString("startsAt"))).isEqualTo(Instant.ofEpochMilli(alert.startsAtMillis()));
      JsonObject routed = Eventually.succeeds(vertx, 40, 250, () -> {
        assertThat(downstream.at("/team")).isNotEmpty();
        return Future.succeededFuture(downstream.at("/team").get(0).json());
      }).await();
      assertThat(routed.getString("status")).isEqualTo("firing");
      assertThat(routed.getJsonObject("groupLabels").getString("service")).isEqualTo("api");

      Alert resolved = alert.resolved(clock.millis() - 1000);
      assertThat(receiver.send(notification(subscription, resolved, "resolved", clock)).await().outcome())
          .isEqualTo(DeliveryResult.Outcome.DELIVERED);
      Eventually.succeeds(vertx, 40, 250, () -> {
        assertThat(find(alertmanager, alert.id())).as("no longer active in Alertmanager").isNull();
        assertThat(downstream.at("/team")).anySatisfy(request -> assertThat(request.json().getString("status")).isEqualTo("resolved"));
        return Future.succeededFuture();
      }).await();
    }
  }

  private static Notification notification(Subscription subscription, Alert alert, String status, ManualClock clock) {
    return Notification.of(subscription, "to-am:{service=\"api\"}", 1, new TreeMap<>(Map.of("service", "api")), List.of(alert), status,
        null, clock.millis(), "http://127.0.0.1:8080");
  }

  /** The alert Alertmanager lists as active for Vigil's alert id, or null. */
  private static JsonObject find(LocalAlertmanager alertmanager, String alertId) {
    for (Object item : new JsonArray(alertmanager.alerts())) {
      JsonObject alert = (JsonObject) item;
      if (alertId.equals(alert.getJsonObject("annotations", new JsonObject()).getString("vigil_alert_id"))
          && "active".equals(alert.getJsonObject("status").getString("state"))) {
        return alert;
      }
    }
    return null;
  }
}
