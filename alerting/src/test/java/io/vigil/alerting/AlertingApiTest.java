package io.vigil.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vigil.model.Topics;
import io.vigil.testing.ManualClock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request/reply actions over the views, with a recording writer in place of Kafka. */
class AlertingApiTest {

  private static final String SUBSCRIPTION = """
      {"name":"ops","receiver":{"type":"webhook","url":"http://127.0.0.1:9/hook","secret":"s3cret"},"groupWait":"0s"}""";

  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final AlertingViews views = new AlertingViews(new FeedbackLedger(0.9, 0.02, 0.06));
  private final RecordingWriter writer = new RecordingWriter();
  private final AlertDispatcher dispatcher = new AlertDispatcher(clock, List.of(), 3_600_000, 86_400_000, "http://vigil.test:8080", 0);
  private AlertingApi api = api(10_000);

  private AlertingApi api(long ackWaitMillis) {
    return new AlertingApi(vertx, clock, views, dispatcher, new ReceiverUrlGuard(vertx, true), writer, ackWaitMillis);
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private JsonObject call(String action, String id, JsonObject body) {
    return await(api.handle(new JsonObject().put("action", action).put("id", id).put("body", body)));
  }

  private static JsonObject await(Future<JsonObject> reply) {
    try {
      return reply.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aSubscriptionIsStoredWithItsSecretAndListedWithout() {
    JsonObject created = call("subscriptions.create", null, new JsonObject(SUBSCRIPTION));
    assertThat(created.getInteger("status")).isEqualTo(201);
    assertThat(writer.to(Topics.SUBSCRIPTIONS)).singleElement()
        .satisfies(record -> assertThat(record.value().getJsonObject("receiver").getString("secret")).isEqualTo("s3cret"));
    JsonObject listed = call("subscriptions.list", null, null);
    assertThat(listed.getJsonObject("body").getJsonArray("subscriptions").getJsonObject(0).getJsonObject("receiver").getString("secret"))
        .isEqualTo(Subscription.MASK);

    assertThat(call("subscriptions.create", null, new JsonObject(SUBSCRIPTION)).getInteger("status")).as("name taken").isEqualTo(400);
    assertThat(call("subscriptions.update", "other", new JsonObject(SUBSCRIPTION)).getInteger("status")).as("path and body disagree").isEqualTo(400);
    assertThat(call("subscriptions.delete", "ops", null).getInteger("status")).isEqualTo(204);
    assertThat(writer.to(Topics.SUBSCRIPTIONS).get(1).value()).as("a tombstone").isNull();
    assertThat(call("subscriptions.get", "ops", null).getInteger("status")).isEqualTo(404);
  }

  @Test
  void aWriteKafkaDidNotTakeIsA503AndStoresNothing() {
    writer.fail(Topics.SUBSCRIPTIONS);
    JsonObject reply = call("subscriptions.create", null, new JsonObject(SUBSCRIPTION));
    assertThat(reply.getInteger("status")).isEqualTo(503);
    assertThat(reply.getJsonObject("body").getString("error")).startsWith("could not store the change in Kafka");
    assertThat(views.subscriptions()).isEmpty();
  }

  @Test
  void anExpiredSilenceIsStoredAgainEnded() {
    JsonObject created = call("silences.create", null, new JsonObject("""
        {"matchers":["service=api"],"endsAt":"%s","comment":"deploy","author":"ann"}""".formatted(clock.instant().plusSeconds(3_600))));
    assertThat(created.getInteger("status")).isEqualTo(201);
    String id = created.getJsonObject("body").getString("id");
    assertThat(created.getJsonObject("body").getString("state")).isEqualTo("active");
    JsonObject expired = call("silences.delete", id, null);
    assertThat(expired.getJsonObject("body").getString("state")).isEqualTo("expired");
    assertThat(writer.to(Topics.SILENCES)).hasSize(2);
    assertThat(call("silences.get", "si-none", null).getInteger("status")).isEqualTo(404);
  }

  @Test
  void anAckIsACommandToTheOwnerAnsweredWhenTheAcknowledgedAlertIsReadBack() {
    Alert alert = AlertingViewsTest.alert("api", false);
    views.apply(Topics.ALERTS, alert.fingerprint(), alert.toJson());
    Future<JsonObject> reply = api.handle(new JsonObject().put("action", "alerts.ack").put("id", alert.id()));
    assertThat(writer.to(Topics.ALERT_COMMANDS)).singleElement().satisfies(command -> {
      assertThat(command.key()).as("partitioned like the alert's anomalies").isEqualTo(alert.seriesId());
      assertThat(command.value().getString("type")).isEqualTo("ack");
    });
    assertThat(reply.isComplete()).isFalse();

    Alert acked = alert.withAcknowledged(true);
    views.apply(Topics.ALERTS, acked.fingerprint(), acked.toJson());
    api.settleAcks(acked);
    JsonObject answered = await(reply);
    assertThat(answered.getInteger("status")).isEqualTo(200);
    assertThat(answered.getJsonObject("body").getBoolean("acknowledged")).isTrue();
    assertThat(call("alerts.ack", alert.id(), null).getInteger("status")).as("already acknowledged: no new command").isEqualTo(200);
    assertThat(writer.to(Topics.ALERT_COMMANDS)).hasSize(1);
  }

  @Test
  void anAckTheOwnerDoesNotApplyInTimeIsAccepted() {
    api = api(50);
    Alert alert = AlertingViewsTest.alert("api", false);
    views.apply(Topics.ALERTS, alert.fingerprint(), alert.toJson());
    JsonObject reply = call("alerts.ack", alert.id(), null);
    assertThat(reply.getInteger("status")).isEqualTo(202);
    assertThat(reply.getJsonObject("body").getString("id")).isEqualTo(alert.id());
  }

  @Test
  void stoppingAnswersTheAcksStillWaiting() {
    Alert alert = AlertingViewsTest.alert("api", false);
    views.apply(Topics.ALERTS, alert.fingerprint(), alert.toJson());
    Future<JsonObject> reply = api.handle(new JsonObject().put("action", "alerts.ack").put("id", alert.id()));
    api.close();
    assertThat(await(reply).getInteger("status")).isEqualTo(503);
  }

  @Test
  void alertsAreListedWithTheirStateAndBadRequestsNamed() {
    views.apply(Topics.ALERTS, "x", AlertingViewsTest.alert("api", false).toJson());
    JsonObject firing = await(api.handle(new JsonObject().put("action", "alerts.list").put("state", "firing")));
    assertThat(firing.getJsonObject("body").getJsonArray("alerts")).hasSize(1);
    JsonObject bad = await(api.handle(new JsonObject().put("action", "alerts.list").put("state", "open")));
    assertThat(bad.getInteger("status")).isEqualTo(400);
    assertThat(bad.getJsonObject("body").getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("state");
    assertThat(call("alerts.feedback", "nope", new JsonObject()).getInteger("status")).isEqualTo(404);
    assertThat(call("no.such", null, null).getInteger("status")).isEqualTo(404);
  }

  @Test
  void feedbackIsStoredAndRaisesTheSeriesThreshold() {
    Alert alert = AlertingViewsTest.alert("api", false);
    views.apply(Topics.ALERTS, alert.fingerprint(), alert.toJson());
    JsonObject invalid = call("alerts.feedback", alert.id(), new JsonObject().put("verdict", "maybe").put("extra", 1));
    assertThat(invalid.getInteger("status")).isEqualTo(400);
    assertThat(invalid.getJsonObject("body").getJsonArray("details")).hasSize(2);
    JsonObject stored = call("alerts.feedback", alert.id(), new JsonObject().put("verdict", "not_anomaly"));
    assertThat(stored.getInteger("status")).isEqualTo(201);
    assertThat(stored.getJsonObject("body").getDouble("seriesThreshold")).isGreaterThan(0.9);
    assertThat(writer.to(Topics.FEEDBACK)).hasSize(1);
  }
}
