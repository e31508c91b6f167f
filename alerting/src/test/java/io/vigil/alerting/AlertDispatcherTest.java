package io.vigil.alerting;

import static io.vigil.alerting.AlertingFixtures.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vigil.testing.ManualClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Grouping, repeat, resolve, silence, ack and inhibition semantics, driven by a hand-advanced clock. */
class AlertDispatcherTest {

  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final Map<String, Alert> alerts = new LinkedHashMap<>();
  private final List<Silence> silences = new ArrayList<>();
  private final Subscription byService = subscription("""
      {"name":"ops","match":{"minSeverity":"warning"},"receiver":{"type":"webhook","url":"http://127.0.0.1:9/hook","secret":"s","format":"vigil"},
       "groupBy":["service"],"groupWait":"10s","groupInterval":"1m","repeatInterval":"4h","sendResolved":true}""");
  private AlertDispatcher dispatcher = new AlertDispatcher(clock, List.of(), 3_600_000, 86_400_000, "http://vigil.test:8080", 0);

  private Alert fire(String service, String metric, String severity) {
    Map<String, String> labels = new TreeMap<>(Map.of("service", service, "metric", metric, "severity", severity, "namespace", "AWS/ECS", "detector", "level"));
    String fingerprint = Alert.fingerprintOf(labels);
    Alert alert = new Alert(Alert.idOf(fingerprint, clock.millis()), fingerprint, new TreeMap<>(labels), new TreeMap<>(Map.of("summary", metric + " of " + service)),
        "s-1", true, clock.millis(), 0, clock.millis(), clock.millis(), 60_000, false, List.of());
    alerts.put(fingerprint, alert);
    return alert;
  }

  private List<Notification> tick(Subscription... subscriptions) {
    return dispatcher.tick(alerts.values(), List.of(subscriptions), silences).notifications();
  }

  private static JsonObject body(Notification notification) {
    return new JsonObject(notification.payload());
  }

  @Test
  void aNewOwnerAdoptsWhatAGroupWasToldAndLetsGoWithoutDeletingTheGroup() {
    Alert cpu = fire("api", "CPUUtilization", "warning");
    fire("api", "MemoryUtilization", "warning");
    tick(byService);
    clock.advanceSeconds(10);
    AlertDispatcher.Output sent = dispatcher.tick(alerts.values(), List.of(byService), silences);
    assertThat(sent.notifications()).singleElement().satisfies(n -> assertThat(body(n).getJsonArray("alerts")).hasSize(2));
    JsonObject stored = sent.savedGroups().get(0).toJson();

    // Another process comes to own the group: it does not notify the same alerts again, and it
    // tells only what changed once the group interval has passed.
    dispatcher = new AlertDispatcher(clock, List.of(), 3_600_000, 86_400_000, "http://vigil.test:8080", 0);
    dispatcher.adopt(GroupState.fromJson(stored));
    clock.advanceSeconds(120);
    assertThat(tick(byService)).as("already notified by the previous owner").isEmpty();
    alerts.put(cpu.fingerprint(), cpu.resolved(clock.millis()));
    assertThat(tick(byService)).singleElement().satisfies(n -> {
      assertThat(body(n).getString("status")).isEqualTo("firing");
      assertThat(body(n).getJsonArray("alerts")).extracting(item -> ((JsonObject) item).getString("status"))
          .containsExactlyInAnyOrder("firing", "resolved");
    });

    // Letting go of the group drops it here, without a tombstone for the group's stored state.
    dispatcher = new AlertDispatcher(clock, List.of(), 3_600_000, 86_400_000, "http://vigil.test:8080", 0);
    dispatcher.adopt(GroupState.fromJson(stored));
    dispatcher.release(key -> key.startsWith("ops:"));
    alerts.clear();
    assertThat(dispatcher.tick(alerts.values(), List.of(byService), silences).isEmpty()).isTrue();
  }

  @Test
  void aGroupWaitingWhenItMovesKeepsItsWaitAtTheNewOwner() {
    fire("api", "CPUUtilization", "warning");
    AlertDispatcher.Output pending = dispatcher.tick(alerts.values(), List.of(byService), silences);
    assertThat(pending.notifications()).isEmpty();
    JsonObject stored = pending.savedGroups().get(0).toJson();

    clock.advanceSeconds(6);
    dispatcher = new AlertDispatcher(clock, List.of(), 3_600_000, 86_400_000, "http://vigil.test:8080", 0);
    dispatcher.adopt(GroupState.fromJson(stored));
    assertThat(tick(byService)).isEmpty();
    clock.advanceSeconds(4);
    assertThat(tick(byService)).as("10 s after the group first waited, not 10 s after the move").hasSize(1);
  }

  @Test
  void aProcessNotifiesOnlyTheGroupsAndRemindersItOwnsOverEveryAlert() {
    fire("api", "CPUUtilization", "warning");
    fire("api", "MemoryUtilization", "warning");
    fire("web", "CPUUtilization", "warning");
    silences.add(Silence.parse(new JsonObject("""
        {"matchers":["service=web"],"endsAt":"%s","comment":"migration","author":"bob"}"""
        .formatted(clock.instant().plusSeconds(2 * 86_400))), "si-9", clock.millis()).silence());
    clock.advanceSeconds(2 * 86_400 - 3_599);

    AlertDispatcher.Output apiOwner = dispatcher.tick(alerts.values(), List.of(byService), silences, key -> key.contains("api"));
    clock.advanceSeconds(10);
    apiOwner = dispatcher.tick(alerts.values(), List.of(byService), silences, key -> key.contains("api"));
    assertThat(apiOwner.notifications()).singleElement().satisfies(n -> {
      assertThat(body(n).getString("groupKey")).isEqualTo("ops:{service=\"api\"}");
      assertThat(body(n).getJsonArray("alerts")).hasSize(2);
    });
    assertThat(apiOwner.remindedSilences()).as("the reminder is the silence owner's").isEmpty();

    AlertDispatcher other = new AlertDispatcher(clock, List.of(), 3_600_000, 86_400_000, "http://vigil.test:8080", 0);
    AlertDispatcher.Output silenceOwner = other.tick(alerts.values(), List.of(byService), silences,
        key -> key.equals(AlertDispatcher.reminderKey(silences.get(0))));
    assertThat(silenceOwner.remindedSilences()).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo("si-9"));
    assertThat(silenceOwner.notifications()).singleElement().satisfies(n -> assertThat(body(n).getJsonObject("reminder")).isNotNull());
  }

  @Test
  void groupWaitBatchesAlertsOfOneGroupAndSeparatesGroups() {
    fire("api", "CPUUtilization", "warning");
    assertThat(tick(byService)).isEmpty();
    clock.advanceSeconds(5);
    fire("api", "MemoryUtilization", "critical");
    fire("web", "CPUUtilization", "warning");
    assertThat(tick(byService)).isEmpty();
    clock.advanceSeconds(5);
    List<Notification> first = tick(byService);
    assertThat(first).singleElement().satisfies(notification -> {
      JsonObject body = body(notification);
      assertThat(body.getString("groupKey")).isEqualTo("ops:{service=\"api\"}");
      assertThat(body.getString("status")).isEqualTo("firing");
      assertThat(body.getJsonArray("alerts")).hasSize(2);
      assertThat(body.getJsonObject("groupLabels").getMap()).isEqualTo(Map.of("service", "api"));
      assertThat(body.getJsonObject("commonLabels").getString("namespace")).isEqualTo("AWS/ECS");
      assertThat(body.getJsonObject("commonLabels").containsKey("metric")).isFalse();
      assertThat(body.getString("version")).isEqualTo("1");
      assertThat(body.getString("receiver")).isEqualTo("ops");
    });
    clock.advanceSeconds(5);
    assertThat(tick(byService)).singleElement().satisfies(notification -> assertThat(notification.groupKey()).isEqualTo("ops:{service=\"web\"}"));
    assertThat(tick(byService)).as("dedup: nothing changed").isEmpty();
  }

  @Test
  void changesWaitForGroupIntervalAndUnchangedGroupsRepeatUnlessAcknowledged() {
    Alert cpu = fire("api", "CPUUtilization", "warning");
    tick(byService);
    clock.advanceSeconds(10);
    assertThat(tick(byService)).hasSize(1);
    clock.advanceSeconds(20);
    fire("api", "Latency", "warning");
    assertThat(tick(byService)).as("within group interval").isEmpty();
    clock.advanceSeconds(40);
    assertThat(tick(byService)).singleElement().satisfies(n -> assertThat(body(n).getJsonArray("alerts")).hasSize(2));

    clock.advanceSeconds(4 * 3600 - 1);
    assertThat(tick(byService)).isEmpty();
    clock.advanceSeconds(1);
    assertThat(tick(byService)).as("repeat interval").hasSize(1);

    for (Alert alert : List.copyOf(alerts.values())) {
      alerts.put(alert.fingerprint(), alert.withAcknowledged(true));
    }
    clock.advanceSeconds(4 * 3600);
    assertThat(tick(byService)).as("acknowledged: no repeat").isEmpty();
    // A change still notifies.
    alerts.put(cpu.fingerprint(), alerts.get(cpu.fingerprint()).resolved(clock.millis()));
    assertThat(tick(byService)).singleElement().satisfies(n -> {
      assertThat(body(n).getString("status")).isEqualTo("firing");
      assertThat(body(n).getJsonArray("alerts")).extracting(item -> ((JsonObject) item).getString("status")).containsExactlyInAnyOrder("firing", "resolved");
    });
  }

  @Test
  void resolvedIsSentOnceWhenWanted() {
    Alert cpu = fire("api", "CPUUtilization", "warning");
    tick(byService);
    clock.advanceSeconds(10);
    assertThat(tick(byService)).hasSize(1);
    clock.advanceSeconds(30);
    alerts.put(cpu.fingerprint(), cpu.resolved(clock.millis()));
    assertThat(tick(byService)).isEmpty();
    clock.advanceSeconds(30);
    assertThat(tick(byService)).singleElement().satisfies(n -> {
      assertThat(n.status()).isEqualTo("resolved");
      assertThat(body(n).getJsonArray("alerts").getJsonObject(0).getString("endsAt")).isNotNull();
    });
    clock.advanceSeconds(3600);
    assertThat(tick(byService)).isEmpty();

    Subscription quiet = subscription("""
        {"name":"quiet","receiver":{"type":"websocket"},"groupWait":"0s","sendResolved":false}""");
    Alert mem = fire("api", "MemoryUtilization", "warning");
    assertThat(tick(quiet)).hasSize(1);
    alerts.put(mem.fingerprint(), mem.resolved(clock.millis()));
    clock.advanceSeconds(3600);
    assertThat(tick(quiet)).isEmpty();
  }

  @Test
  void silencedAlertsAreNotNotifiedAndAreNotifiedAgainWhenTheSilenceEnds() {
    fire("api", "CPUUtilization", "warning");
    tick(byService);
    clock.advanceSeconds(10);
    assertThat(tick(byService)).hasSize(1);

    Silence silence = Silence.parse(new JsonObject("""
        {"matchers":[{"name":"service","value":"api"}],"endsAt":"%s","comment":"deploy","author":"ann"}"""
        .formatted(clock.instant().plusSeconds(10 * 3600))), "si-1", clock.millis()).silence();
    silences.add(silence);
    assertThat(dispatcher.stateOf(alerts.values().iterator().next(), alerts.values(), silences)).isEqualTo("silenced");
    clock.advanceSeconds(4 * 3600);
    assertThat(tick(byService)).as("silenced: no repeat").isEmpty();
    fire("api", "Latency", "critical");
    clock.advanceSeconds(120);
    assertThat(tick(byService)).as("new alert, also silenced").isEmpty();

    silences.set(0, silence.endingAt(clock.millis()));
    assertThat(tick(byService)).as("group wait after the silence ends").isEmpty();
    clock.advanceSeconds(10);
    assertThat(tick(byService)).singleElement().satisfies(n -> assertThat(body(n).getJsonArray("alerts")).hasSize(2));
  }

  @Test
  void aServiceThatIsDownInhibitsItsLatencyAlerts() {
    dispatcher = new AlertDispatcher(clock, List.of(InhibitRule.parse("metric=~Up|HealthyHostCount severity=critical -> metric=~.*Latency.* on service")),
        3_600_000, 86_400_000, "http://vigil.test:8080", 0);
    Alert latency = fire("api", "TargetLatency", "warning");
    Alert otherLatency = fire("web", "TargetLatency", "warning");
    fire("api", "HealthyHostCount", "critical");
    assertThat(dispatcher.stateOf(latency, alerts.values(), silences)).isEqualTo("inhibited");
    assertThat(dispatcher.stateOf(otherLatency, alerts.values(), silences)).isEqualTo("firing");
    tick(byService);
    clock.advanceSeconds(10);
    List<Notification> sent = tick(byService);
    assertThat(sent).hasSize(2);
    JsonObject api = sent.stream().map(AlertDispatcherTest::body).filter(b -> b.getString("groupKey").contains("api")).findFirst().orElseThrow();
    assertThat(api.getJsonArray("alerts")).singleElement()
        .satisfies(item -> assertThat(((JsonObject) item).getJsonObject("labels").getString("metric")).isEqualTo("HealthyHostCount"));
  }

  @Test
  void aLongSilenceSendsOneReminderBeforeItEnds() {
    fire("api", "CPUUtilization", "warning");
    Silence silence = Silence.parse(new JsonObject("""
        {"matchers":["service=api"],"endsAt":"%s","comment":"migration","author":"bob"}"""
        .formatted(clock.instant().plusSeconds(2 * 86_400))), "si-2", clock.millis()).silence();
    silences.add(silence);
    clock.advanceSeconds(2 * 86_400 - 3_601);
    AlertDispatcher.Output quiet = dispatcher.tick(alerts.values(), List.of(byService), silences);
    assertThat(quiet.notifications()).isEmpty();
    clock.advanceSeconds(2);
    AlertDispatcher.Output output = dispatcher.tick(alerts.values(), List.of(byService), silences);
    assertThat(output.remindedSilences()).singleElement().satisfies(s -> assertThat(s.reminded()).isTrue());
    assertThat(output.notifications()).singleElement().satisfies(n ->
        assertThat(body(n).getJsonObject("reminder").getString("silenceId")).isEqualTo("si-2"));
    silences.set(0, output.remindedSilences().get(0));
    clock.advanceSeconds(1);
    assertThat(tick(byService)).isEmpty();
  }

  @Test
  void deliveryIdsAreStableInTheOutboxRecordAndDifferBetweenNotifications() {
    fire("api", "CPUUtilization", "warning");
    tick(byService);
    clock.advanceSeconds(10);
    Notification first = tick(byService).get(0);
    assertThat(Notification.fromJson(first.toJson())).isEqualTo(first);
    assertThat(body(first).getString("deliveryId")).isEqualTo(first.deliveryId());
    clock.advanceSeconds(4 * 3600);
    Notification repeat = tick(byService).get(0);
    assertThat(repeat.deliveryId()).isNotEqualTo(first.deliveryId());
  }

  @Test
  void groupStateSurvivesARestartSoNothingIsSentTwice() {
    fire("api", "CPUUtilization", "warning");
    tick(byService);
    clock.advanceSeconds(10);
    AlertDispatcher.Output output = dispatcher.tick(alerts.values(), List.of(byService), silences);
    assertThat(output.notifications()).hasSize(1);
    AlertDispatcher restarted = new AlertDispatcher(clock, List.of(), 3_600_000, 86_400_000, "http://vigil.test:8080", 0);
    output.savedGroups().forEach(group -> restarted.restore(GroupState.fromJson(new JsonObject(group.toJson().encode()))));
    clock.advanceSeconds(60);
    assertThat(restarted.tick(alerts.values(), List.of(byService), silences).notifications()).isEmpty();
  }

  @Test
  void aSubscriptionGroupedByInsightHoldsAnAlertUntilItsInsightIsKnownThenPagesOnceForTheIncident() {
    Subscription byInsight = subscription("""
        {"name":"incidents","match":{"minSeverity":"warning"},"receiver":{"type":"webhook","url":"http://127.0.0.1:9/hook","secret":"s","format":"vigil"},
         "groupBy":["insight"],"groupWait":"0s","groupInterval":"1h","repeatInterval":"4h"}""");
    dispatcher = new AlertDispatcher(clock, List.of(), 3_600_000, 86_400_000, "http://vigil.test:8080", 60_000);
    Alert memory = fire("worker", "MemoryUtilization", "critical");
    Alert cpu = fire("worker", "CPUUtilization", "warning");

    Subscription byServiceAtOnce = subscription("""
        {"name":"teams","match":{"minSeverity":"warning"},"receiver":{"type":"webhook","url":"http://127.0.0.1:9/hook","secret":"s","format":"vigil"},
         "groupBy":["service"],"groupWait":"0s","groupInterval":"1h","repeatInterval":"4h"}""");

    assertThat(dispatcher.tick(alerts.values(), List.of(byInsight, byServiceAtOnce), silences).notifications())
        .as("no insight yet: held by the subscription grouped by insight only")
        .singleElement().satisfies(n -> assertThat(n.groupKey()).startsWith("teams:"));
    clock.advanceSeconds(20);
    alerts.put(memory.fingerprint(), memory.withLabel(InsightIndex.LABEL, "in-1"));
    alerts.put(cpu.fingerprint(), cpu.withLabel(InsightIndex.LABEL, "in-1"));
    List<Notification> paged = tick(byInsight);

    assertThat(paged).singleElement().satisfies(n -> {
      assertThat(n.groupKey()).isEqualTo("incidents:{insight=\"in-1\"}");
      assertThat(body(n).getJsonArray("alerts")).hasSize(2);
    });
    clock.advanceSeconds(120);
    assertThat(tick(byInsight)).as("the group interval is an hour").isEmpty();
  }

  @Test
  void anAlertWhoseInsightNeverOpensPagesOnItsOwnOnceTheInsightWaitIsOver() {
    Subscription byInsight = subscription("""
        {"name":"incidents","match":{"minSeverity":"warning"},"receiver":{"type":"webhook","url":"http://127.0.0.1:9/hook","secret":"s","format":"vigil"},
         "groupBy":["insight"],"groupWait":"0s","groupInterval":"1h","repeatInterval":"4h"}""");
    dispatcher = new AlertDispatcher(clock, List.of(), 3_600_000, 86_400_000, "http://vigil.test:8080", 60_000);
    fire("api", "TargetResponseTime", "warning");

    assertThat(tick(byInsight)).isEmpty();
    clock.advanceSeconds(59);
    assertThat(tick(byInsight)).isEmpty();
    clock.advanceSeconds(1);
    assertThat(tick(byInsight)).singleElement().satisfies(n -> assertThat(n.groupKey()).isEqualTo("incidents:{insight=\"\"}"));
  }
}
