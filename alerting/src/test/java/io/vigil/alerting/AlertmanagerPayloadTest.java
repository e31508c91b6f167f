package io.vigil.alerting;

import static io.vigil.alerting.AlertingFixtures.anomaly;
import static io.vigil.alerting.AlertingFixtures.config;
import static io.vigil.alerting.AlertingFixtures.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.model.Severity;
import io.vigil.testing.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The default webhook body against Alertmanager's documented webhook_config payload: exactly its
 * fields with their JSON types, version "4", Go's zero time as the end of a firing alert, and
 * Vigil's extras as text annotations only.
 */
class AlertmanagerPayloadTest {

  /** The top-level fields of Alertmanager's webhook payload (notify/webhook Message: template.Data plus version, groupKey, truncatedAlerts). */
  static final Set<String> MESSAGE_FIELDS = Set.of("version", "groupKey", "truncatedAlerts", "status", "receiver", "groupLabels",
      "commonLabels", "commonAnnotations", "externalURL", "alerts");
  /** The fields of each of its alerts (template.Alert). */
  static final Set<String> ALERT_FIELDS = Set.of("status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint");

  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final Subscription webhook = subscription("""
      {"name":"oncall","receiver":{"type":"webhook","url":"https://hooks.example.com/am"},"groupBy":["service"],"groupWait":"0s"}""");

  private List<Alert> twoAlerts() {
    AlertEvaluator evaluator = new AlertEvaluator(config(1, 60, 60), clock, series -> 0.9);
    Alert cpu = evaluator.onAnomaly(anomaly("api", "CPUUtilization", clock.millis(), 0.99, Severity.CRITICAL)).orElseThrow();
    Alert latency = evaluator.onAnomaly(anomaly("api", "Latency", clock.millis(), 0.95, Severity.WARNING)).orElseThrow();
    return List.of(cpu, latency.resolved(clock.millis() + 60_000));
  }

  private JsonObject body(List<Alert> alerts, String status, Silence reminderOf) {
    Notification notification = Notification.of(webhook, "oncall:{service=\"api\"}", 1, new TreeMap<>(java.util.Map.of("service", "api")),
        alerts, status, reminderOf, clock.millis(), "https://vigil.example.com");
    return new JsonObject(notification.payload());
  }

  /** Checks one body against the documented shape; Alertmanager's receivers decode exactly these. */
  static void assertAlertmanagerShape(JsonObject body) {
    assertThat(body.fieldNames()).containsExactlyInAnyOrderElementsOf(MESSAGE_FIELDS);
    assertThat(body.getValue("version")).isEqualTo("4");
    assertThat(body.getValue("groupKey")).isInstanceOf(String.class);
    assertThat(body.getValue("truncatedAlerts")).isInstanceOf(Number.class);
    assertThat(body.getString("status")).isIn("firing", "resolved");
    assertThat(body.getValue("receiver")).isInstanceOf(String.class);
    assertThat(body.getValue("externalURL")).isInstanceOf(String.class);
    for (String map : List.of("groupLabels", "commonLabels", "commonAnnotations")) {
      assertStringMap(body.getValue(map));
    }
    assertThat(body.getValue("alerts")).isInstanceOf(JsonArray.class);
    for (Object item : body.getJsonArray("alerts")) {
      JsonObject alert = (JsonObject) item;
      assertThat(alert.fieldNames()).containsExactlyInAnyOrderElementsOf(ALERT_FIELDS);
      assertThat(alert.getString("status")).isIn("firing", "resolved");
      assertStringMap(alert.getValue("labels"));
      assertStringMap(alert.getValue("annotations"));
      Instant.parse(alert.getString("startsAt"));
      Instant.parse(alert.getString("endsAt"));
      assertThat(alert.getValue("generatorURL")).isInstanceOf(String.class);
      assertThat(alert.getString("fingerprint")).matches("[0-9a-f]{16}");
    }
  }

  private static void assertStringMap(Object value) {
    assertThat(value).isInstanceOf(JsonObject.class);
    ((JsonObject) value).forEach(entry -> assertThat(entry.getValue()).as(entry.getKey()).isInstanceOf(String.class));
  }

  @Test
  void theDefaultBodyIsAlertmanagersWebhookPayloadFieldForField() {
    List<Alert> alerts = twoAlerts();
    JsonObject body = body(alerts, "firing", null);
    assertAlertmanagerShape(body);
    assertThat(body.getString("groupKey")).isEqualTo("oncall:{service=\"api\"}");
    assertThat(body.getInteger("truncatedAlerts")).isZero();
    assertThat(body.getString("receiver")).isEqualTo("oncall");
    assertThat(body.getString("externalURL")).isEqualTo("https://vigil.example.com");
    assertThat(body.getJsonObject("groupLabels").getMap()).isEqualTo(java.util.Map.of("service", "api"));
    assertThat(body.getJsonObject("commonLabels").getMap()).containsEntry("service", "api").containsEntry("namespace", "AWS/ECS")
        .doesNotContainKeys("metric", "alertname", "severity");

    JsonObject firing = body.getJsonArray("alerts").getJsonObject(0);
    Alert cpu = alerts.get(0);
    assertThat(firing.getString("status")).isEqualTo("firing");
    assertThat(firing.getString("endsAt")).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(firing.getString("startsAt")).isEqualTo(Instant.ofEpochMilli(cpu.startsAtMillis()).toString());
    assertThat(firing.getString("fingerprint")).isEqualTo(cpu.fingerprint());
    assertThat(firing.getString("generatorURL")).isEqualTo("https://vigil.example.com/api/v1/alerts/" + cpu.id());
    assertThat(firing.getJsonObject("labels").getMap()).containsAllEntriesOf(new TreeMap<String, Object>(cpu.labels()))
        .containsEntry("alertname", "CPUUtilization");
    assertThat(firing.getJsonObject("annotations").getMap())
        .containsEntry("summary", cpu.annotations().get("summary"))
        .containsEntry("vigil_alert_id", cpu.id())
        .containsEntry("vigil_series_id", cpu.seriesId())
        .containsEntry("vigil_acknowledged", "false")
        .containsEntry("vigil_value", "100.0")
        .containsEntry("vigil_score", "0.99")
        .containsEntry("vigil_expected", "1.0 to 2.0");

    JsonObject resolved = body.getJsonArray("alerts").getJsonObject(1);
    assertThat(resolved.getString("status")).isEqualTo("resolved");
    assertThat(resolved.getString("endsAt")).isEqualTo(Instant.ofEpochMilli(clock.millis() + 60_000).toString());
    assertThat(body.getJsonObject("commonAnnotations").getMap()).containsEntry("vigil_acknowledged", "false")
        .doesNotContainKeys("summary", "vigil_alert_id");
  }

  @Test
  void aSilenceReminderTravelsAsAnnotationsCommonToItsAlerts() {
    Silence silence = Silence.parse(new JsonObject("""
        {"matchers":["service=api"],"endsAt":"%s","comment":"migration","author":"bob"}""".formatted(clock.instant().plusSeconds(86_400))),
        "si-7", clock.millis()).silence();
    JsonObject body = body(twoAlerts().subList(0, 1), "firing", silence);
    assertAlertmanagerShape(body);
    assertThat(body.getJsonObject("commonAnnotations").getMap())
        .containsEntry("vigil_reminder_silence_id", "si-7")
        .containsEntry("vigil_reminder_comment", "migration")
        .containsEntry("vigil_reminder_silence_ends_at", clock.instant().plusSeconds(86_400).toString());
  }

  @Test
  void vigilsOwnBodyStaysAvailableAsFormatVigil() {
    Subscription vigil = subscription("""
        {"name":"oncall","receiver":{"type":"webhook","url":"https://hooks.example.com/v","format":"vigil"},"groupBy":["service"]}""");
    Notification notification = Notification.of(vigil, "k", 1, new TreeMap<>(), twoAlerts(), "firing", null, clock.millis(), "https://vigil.example.com");
    JsonObject body = new JsonObject(notification.payload());
    assertThat(body.getString("version")).isEqualTo("1");
    assertThat(body.getString("deliveryId")).isEqualTo(notification.deliveryId());
    assertThat(body.getJsonArray("alerts").getJsonObject(0).getJsonArray("anomalies")).hasSize(1);
    assertThat(body.getJsonArray("alerts").getJsonObject(0).getValue("endsAt")).isNull();
  }
}
