package io.vigil.alerting;

import static io.vigil.alerting.AlertingFixtures.anomaly;
import static io.vigil.alerting.AlertingFixtures.config;
import static io.vigil.alerting.AlertingFixtures.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vigil.alerting.notify.DeliveryResult;
import io.vigil.alerting.notify.HttpReceivers;
import io.vigil.alerting.notify.Receiver;
import io.vigil.config.AlertingConfig;
import io.vigil.model.Severity;
import io.vigil.testing.LocalProcess;
import io.vigil.testing.ManualClock;
import io.vigil.testing.ReceiverStub;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract every HTTP receiver keeps, against a loopback fake of its vendor that checks the
 * request it is sent: a 2xx delivers, a 5xx, 429 or refused connection is retried, any other 4xx is
 * permanent (dead-lettered), a private address is refused when private receivers are not allowed,
 * and no failure reason shows the receiver's credential.
 */
@ExtendWith(VertxExtension.class)
class ReceiverContractTest {

  private static final String ROUTING_KEY = "R0uTiNgKeY0123456789abcdefABCDEF";
  private static final String API_KEY = "eb243592-faa2-4ba2-a551q-1afdf565c889";

  /** A receiver type, its subscription's receiver, where its requests land on the fake, and the vendor's checks on each. */
  record Case(String type, JsonObject receiver, String path, BiConsumer<ReceiverStub.Received, String> check) {
    @Override
    public String toString() {
      return type;
    }
  }

  static Stream<Case> receivers() {
    return Stream.of(
        new Case("webhook", new JsonObject().put("type", "webhook").put("url", "{base}/hook").put("secret", "s3cret"), "/hook",
            (request, status) -> AlertmanagerPayloadTest.assertAlertmanagerShape(request.json())),
        new Case("slack", new JsonObject().put("type", "slack").put("url", "{base}/services/T000/B000/XXXX"), "/services/T000/B000/XXXX",
            (request, status) -> assertThat(request.json().getString("text")).contains(status.toUpperCase(java.util.Locale.ROOT))),
        new Case("msteams", new JsonObject().put("type", "msteams").put("url", "{base}/webhookb2/abc/IncomingWebhook/def"),
            "/webhookb2/abc/IncomingWebhook/def", (request, status) -> VendorSchemas.teamsMessage(request.json())),
        new Case("pagerduty", new JsonObject().put("type", "pagerduty").put("routingKey", ROUTING_KEY), "/v2/enqueue",
            (request, status) -> {
              VendorSchemas.pagerDutyEvent(request.json());
              assertThat(request.json().getString("routing_key")).isEqualTo(ROUTING_KEY);
              assertThat(request.json().getString("event_action")).isEqualTo(status.equals("firing") ? "trigger" : "resolve");
            }),
        new Case("alertmanager", new JsonObject().put("type", "alertmanager").put("url", "{base}"), "/api/v2/alerts",
            (request, status) -> VendorSchemas.alertmanagerPostableAlerts(new io.vertx.core.json.JsonArray(request.body()), status)),
        new Case("opsgenie", new JsonObject().put("type", "opsgenie").put("apiKey", API_KEY), null,
            (request, status) -> {
              assertThat(request.authorization()).isEqualTo("GenieKey " + API_KEY);
              if (status.equals("firing")) {
                assertThat(request.path()).isEqualTo("/v2/alerts");
                VendorSchemas.opsgenieCreate(request.json());
              } else {
                assertThat(request.path()).matches("/v2/alerts/[0-9a-f]{16}/close");
                assertThat(request.query()).isEqualTo("identifierType=alias");
                VendorSchemas.opsgenieClose(request.json());
              }
            }));
  }

  private static AlertingConfig configFor(String base) {
    AlertingConfig defaults = config(1, 60, 60);
    return new AlertingConfig(defaults.enabled(), defaults.scoreThreshold(), defaults.minAnomalies(), defaults.windowSeconds(),
        defaults.recoverySeconds(), defaults.recoveryPeriods(), defaults.maxDetectionDelaySeconds(), defaults.insightWaitSeconds(),
        defaults.resolvedRetentionMinutes(),
        defaults.tickMillis(), defaults.allowPrivateReceivers(), defaults.maxDeliveryAgeSeconds(), defaults.retryInitialMillis(),
        defaults.retryMaxMillis(), 2000, defaults.receiverRatePerSecond(), defaults.receiverBurst(), defaults.maxInFlight(),
        defaults.silenceReminderBeforeSeconds(), defaults.silenceReminderMinSeconds(), defaults.feedbackThresholdStep(),
        defaults.feedbackMaxRaise(), "", base, base, defaults.smtp(), "http://vigil.test", List.of());
  }

  private static Notification notification(Case receiverCase, String base, String status) {
    String receiver = receiverCase.receiver().encode().replace("{base}", base);
    Subscription subscription = subscription("""
        {"name":"contract","receiver":%s,"groupBy":["service"],"groupWait":"0s"}""".formatted(receiver));
    ManualClock clock = new ManualClock(1_800_000_000_000L);
    Alert alert = new AlertEvaluator(config(1, 60, 60), clock, series -> 0.9)
        .onAnomaly(anomaly("api", "CPUUtilization", clock.millis(), 0.99, Severity.CRITICAL)).orElseThrow();
    Alert sent = status.equals("firing") ? alert : alert.resolved(clock.millis() + 60_000);
    return Notification.of(subscription, "contract:{service=\"api\"}", 1, new TreeMap<>(Map.of("service", "api")), List.of(sent), status,
        null, clock.millis(), "http://vigil.test");
  }

  private static Receiver receiver(Vertx vertx, Case receiverCase, String base, boolean allowPrivate) {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setConnectTimeout(2000));
    return HttpReceivers.create(client, new ReceiverUrlGuard(vertx, allowPrivate), configFor(base), Clock.systemUTC()).get(receiverCase.type());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("receivers")
  void deliversOn2xxWithTheVendorsDocumentedBodyRetries5xxAndGivesUpOn4xx(Case receiverCase, Vertx vertx) {
    ReceiverStub fake = new ReceiverStub().start(vertx).await();
    String base = "http://127.0.0.1:" + fake.port();
    Receiver receiver = receiver(vertx, receiverCase, base, true);
    String path = receiverCase.path();

    for (String status : List.of("firing", "resolved")) {
      Notification notification = notification(receiverCase, base, status);
      int before = fake.received().size();
      assertThat(receiver.send(notification).await().outcome()).as(status).isEqualTo(DeliveryResult.Outcome.DELIVERED);
      List<ReceiverStub.Received> requests = fake.received().subList(before, fake.received().size());
      assertThat(requests).as(status + " requests").isNotEmpty();
      for (ReceiverStub.Received request : requests) {
        if (path != null) {
          assertThat(request.path()).isEqualTo(path);
        }
        assertThat(request.deliveryId()).isEqualTo(notification.deliveryId());
        receiverCase.check().accept(request, status);
      }
    }

    Notification firing = notification(receiverCase, base, "firing");
    fake.answerAll(() -> 503);
    assertThat(receiver.send(firing).await().outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
    fake.answerAll(() -> 429);
    assertThat(receiver.send(firing).await().outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
    fake.answerAll(() -> 400);
    DeliveryResult refused = receiver.send(firing).await();
    assertThat(refused.outcome()).isEqualTo(DeliveryResult.Outcome.PERMANENT);
    assertThat(refused.reason()).doesNotContain(ROUTING_KEY).doesNotContain(API_KEY).doesNotContain("XXXX").doesNotContain("IncomingWebhook/def");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("receivers")
  void aPrivateAddressIsRefusedAndAnUnreachableOneRetriedWithoutShowingTheCredential(Case receiverCase, Vertx vertx) {
    ReceiverStub fake = new ReceiverStub().start(vertx).await();
    String base = "http://127.0.0.1:" + fake.port();
    DeliveryResult refused = receiver(vertx, receiverCase, base, false).send(notification(receiverCase, base, "firing")).await();
    assertThat(refused.outcome()).isEqualTo(DeliveryResult.Outcome.PERMANENT);
    assertThat(refused.reason()).contains("allowPrivateReceivers");
    assertThat(fake.received()).isEmpty();

    String closed = "http://127.0.0.1:" + LocalProcess.freePort();
    DeliveryResult unreachable = receiver(vertx, receiverCase, closed, true).send(notification(receiverCase, closed, "firing")).await();
    assertThat(unreachable.outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
    assertThat(unreachable.reason()).doesNotContain(ROUTING_KEY).doesNotContain(API_KEY).doesNotContain("XXXX").doesNotContain("IncomingWebhook/def");
  }
}
