package io.vigil.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import io.vigil.model.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The start-up restore and the records that follow it, whichever process wrote them. */
class AlertingViewsTest {

  private static final long NOW = 1_700_000_000_000L;
  private static final JsonObject SUBSCRIPTION = new JsonObject("""
      {"name":"ops","receiver":{"type":"webhook","url":"http://127.0.0.1:9/hook","secret":"s"},"groupWait":"0s"}""");

  private final FeedbackLedger feedback = new FeedbackLedger(0.9, 0.02, 0.06);
  private final AlertingViews views = new AlertingViews(feedback);

  static Alert alert(String service, boolean acknowledged) {
    Map<String, String> labels = new TreeMap<>(Map.of("service", service, "metric", "CPUUtilization", "severity", "warning"));
    String fingerprint = Alert.fingerprintOf(labels);
    return new Alert(Alert.idOf(fingerprint, NOW), fingerprint, new TreeMap<>(labels), new TreeMap<>(), "series-" + service, true, NOW, 0, NOW, NOW, 60_000,
        acknowledged, List.of());
  }

  @Test
  void restoreLoadsEveryTopicAndSkipsAStoredSubscriptionThatNoLongerValidates() {
    Alert api = alert("api", false);
    Silence silence = Silence.parse(new JsonObject("""
        {"matchers":["service=api"],"endsAt":"%s","comment":"c","author":"a"}""".formatted(Instant.ofEpochMilli(NOW).plusSeconds(3_600))),
        "si-1", NOW).silence();
    JsonObject group = GroupState.fresh("ops:{}", "ops").waitingSince(NOW).toJson();
    views.restore(Map.of(
        Topics.SUBSCRIPTIONS, Map.of("ops", SUBSCRIPTION, "broken", new JsonObject().put("name", "broken")),
        Topics.SILENCES, Map.of("si-1", silence.toJson()),
        Topics.FEEDBACK, Map.of("fb-1", feedback("fb-1", api)),
        Topics.ALERTS, Map.of(api.fingerprint(), api.toJson()),
        Topics.ALERT_GROUPS, Map.of("ops:{}", group)));
    assertThat(views.subscriptions()).extracting(Subscription::name).containsExactly("ops");
    assertThat(views.silence("si-1")).hasValueSatisfying(restored -> assertThat(restored.endsAtMillis()).isEqualTo(silence.endsAtMillis()));
    assertThat(views.alerts().find(api.id())).isPresent();
    assertThat(views.groups()).containsEntry("ops:{}", group);
    assertThat(feedback.thresholdOf(api.seriesId())).isGreaterThan(0.9);
  }

  @Test
  void followedRecordsUpdateAndTombstonesDelete() {
    views.apply(Topics.SUBSCRIPTIONS, "ops", SUBSCRIPTION);
    assertThat(views.subscription("ops")).isPresent();
    views.apply(Topics.SUBSCRIPTIONS, "ops", null);
    assertThat(views.subscription("ops")).isEmpty();

    views.apply(Topics.ALERT_GROUPS, "ops:{}", new JsonObject().put("key", "ops:{}"));
    views.apply(Topics.ALERT_GROUPS, "ops:{}", null);
    assertThat(views.groups()).isEmpty();

    Alert api = alert("api", false);
    views.apply(Topics.FEEDBACK, "fb-1", feedback("fb-1", api));
    views.apply(Topics.FEEDBACK, "fb-1", feedback("fb-1", api));
    assertThat(feedback.of(api.id())).as("a record read back twice counts once").hasSize(1);
  }

  @Test
  void onlyAnAlertReadBackAcknowledgedSettlesAcks() {
    Alert api = alert("api", false);
    assertThat(views.apply(Topics.ALERTS, api.fingerprint(), api.toJson())).isEmpty();
    assertThat(views.apply(Topics.ALERTS, api.fingerprint(), api.withAcknowledged(true).toJson()))
        .hasValueSatisfying(acked -> assertThat(acked.id()).isEqualTo(api.id()));
    assertThat(views.apply(Topics.ALERTS, api.fingerprint(), null)).isEmpty();
    assertThat(views.alerts().alerts()).isEmpty();
  }

  @Test
  void anUnreadableRecordThrowsAndChangesNothing() {
    assertThatThrownBy(() -> views.apply(Topics.SILENCES, "si-1", new JsonObject().put("matchers", "not a list")))
        .isInstanceOf(RuntimeException.class);
    assertThat(views.silences()).isEmpty();
  }

  private static JsonObject feedback(String id, Alert alert) {
    return new JsonObject().put("id", id).put("alertId", alert.id()).put("seriesId", alert.seriesId()).put("verdict", "not_anomaly");
  }
}
