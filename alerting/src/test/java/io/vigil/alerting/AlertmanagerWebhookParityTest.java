package io.vigil.alerting;

import static io.vigil.alerting.AlertingFixtures.anomaly;
import static io.vigil.alerting.AlertingFixtures.config;
import static io.vigil.alerting.AlertingFixtures.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.model.Severity;
import io.vigil.testing.Eventually;
import io.vigil.testing.LocalAlertmanager;
import io.vigil.testing.ManualClock;
import io.vigil.testing.ReceiverStub;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vigil's default webhook body next to the body a real Alertmanager (0.25, Debian's) sends its
 * webhook receiver for the same alert, firing and then resolved: the same fields with the same JSON
 * types, and the same values wherever the two can agree. They differ, by design, only in the values
 * that name the sender: {@code groupKey} (Alertmanager's route path), {@code externalURL} and each
 * alert's {@code fingerprint} (each hashes labels its own way).
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class AlertmanagerWebhookParityTest {

  private static final Set<String> SENDER_NAMED = Set.of("groupKey", "externalURL", "fingerprint");

  @TempDir
  Path folder;

  @Test
  void vigilsBodyHasTheFieldsTypesAndValuesOfAlertmanagersOwn(Vertx vertx) {
    ReceiverStub stub = new ReceiverStub().start(vertx).await();
    ManualClock clock = new ManualClock(Instant.now().getEpochSecond() * 1000);
    Subscription webhook = subscription("""
        {"name":"oncall","receiver":{"type":"webhook","url":"https://hooks.example.com/am"},"groupBy":["service"],"groupWait":"0s"}""");
    Alert firing = new AlertEvaluator(config(1, 60, 60), clock, series -> 0.9)
        .onAnomaly(anomaly("api", "CPUUtilization", clock.millis() - 60_000, 0.99, Severity.CRITICAL)).orElseThrow();
    Alert resolved = firing.resolved(clock.millis() - 1000);
    TreeMap<String, String> groupLabels = new TreeMap<>(Map.of("service", "api"));

    try (LocalAlertmanager alertmanager = LocalAlertmanager.start(folder.resolve("alertmanager"), "oncall", stub.url("/am"), "service")) {
      JsonObject vigilFiring = vigilBody(webhook, groupLabels, firing, clock);
      alertmanager.postAlerts(asPosted(vigilFiring, false).encode());
      JsonObject theirsFiring = received(vertx, stub, "firing");
      assertSameShapeAndValues(vigilFiring, theirsFiring);

      JsonObject vigilResolved = vigilBody(webhook, groupLabels, resolved, clock);
      alertmanager.postAlerts(asPosted(vigilResolved, true).encode());
      JsonObject theirsResolved = received(vertx, stub, "resolved");
      assertSameShapeAndValues(vigilResolved, theirsResolved);
    }
  }

  private static JsonObject vigilBody(Subscription subscription, TreeMap<String, String> groupLabels, Alert alert, ManualClock clock) {
    Notification notification = Notification.of(subscription, "oncall:{service=\"api\"}", 1, groupLabels, List.of(alert), alert.status(),
        null, clock.millis(), "http://127.0.0.1:8080");
    JsonObject body = new JsonObject(notification.payload());
    AlertmanagerPayloadTest.assertAlertmanagerShape(body);
    return body;
  }

  /** The alert of a body as a client posts it to Alertmanager's API v2. */
  private static JsonArray asPosted(JsonObject body, boolean withEnd) {
    JsonObject alert = body.getJsonArray("alerts").getJsonObject(0);
    JsonObject posted = new JsonObject()
        .put("labels", alert.getJsonObject("labels"))
        .put("annotations", alert.getJsonObject("annotations"))
        .put("startsAt", alert.getString("startsAt"))
        .put("generatorURL", alert.getString("generatorURL"));
    if (withEnd) {
      posted.put("endsAt", alert.getString("endsAt"));
    }
    return new JsonArray().add(posted);
  }

  private static JsonObject received(Vertx vertx, ReceiverStub stub, String status) {
    return Eventually.succeeds(vertx, 120, 250, () -> {
      JsonObject found = stub.at("/am").stream().map(ReceiverStub.Received::json)
          .filter(body -> status.equals(body.getString("status"))).findFirst().orElse(null);
      assertThat(found).as("Alertmanager's " + status + " notification").isNotNull();
      return Future.succeededFuture(found);
    }).await();
  }

  private static void assertSameShapeAndValues(JsonObject ours, JsonObject theirs) {
    assertThat(ours.fieldNames()).containsExactlyInAnyOrderElementsOf(theirs.fieldNames());
    for (String field : theirs.fieldNames()) {
      assertSameType("body." + field, ours.getValue(field), theirs.getValue(field));
      if (!SENDER_NAMED.contains(field) && !field.equals("alerts")) {
        assertThat(ours.getValue(field)).as("body." + field).isEqualTo(theirs.getValue(field));
      }
    }
    JsonArray ourAlerts = ours.getJsonArray("alerts");
    JsonArray theirAlerts = theirs.getJsonArray("alerts");
    assertThat(ourAlerts).hasSameSizeAs(theirAlerts);
    for (int i = 0; i < theirAlerts.size(); i++) {
      JsonObject our = ourAlerts.getJsonObject(i);
      JsonObject their = theirAlerts.getJsonObject(i);
      assertThat(our.fieldNames()).containsExactlyInAnyOrderElementsOf(their.fieldNames());
      for (String field : their.fieldNames()) {
        String name = "alerts[" + i + "]." + field;
        assertSameType(name, our.getValue(field), their.getValue(field));
        if (field.endsWith("At")) {
          assertThat(Instant.parse(our.getString(field))).as(name).isEqualTo(Instant.parse(their.getString(field)));
        } else if (!SENDER_NAMED.contains(field)) {
          assertThat(our.getValue(field)).as(name).isEqualTo(their.getValue(field));
        }
      }
    }
  }

  private static void assertSameType(String name, Object ours, Object theirs) {
    assertThat(ours).as(name + " is present").isNotNull();
    if (theirs instanceof Number) {
      assertThat(ours).as(name).isInstanceOf(Number.class);
    } else {
      assertThat(ours.getClass()).as(name).isEqualTo(theirs.getClass());
    }
  }
}
