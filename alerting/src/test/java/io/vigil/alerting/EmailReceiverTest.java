package io.vigil.alerting;

import static io.vigil.alerting.AlertingFixtures.anomaly;
import static io.vigil.alerting.AlertingFixtures.config;
import static io.vigil.alerting.AlertingFixtures.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.alerting.notify.DeliveryResult;
import io.vigil.alerting.notify.EmailReceiver;
import io.vigil.config.AlertingConfig;
import io.vigil.model.Severity;
import io.vigil.testing.LocalProcess;
import io.vigil.testing.ManualClock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The email receiver against a loopback SMTP server that requires STARTTLS and AUTH PLAIN: the
 * message arrives over TLS with the notification's title and alerts; a refused recipient is
 * permanent (dead-lettered), a busy one and an unreachable server are retried, and a server that
 * cannot upgrade to TLS is never sent to in clear.
 */
@ExtendWith(VertxExtension.class)
class EmailReceiverTest {

  private static Notification notification(String... to) {
    String recipients = String.join("\",\"", to);
    Subscription subscription = subscription("""
        {"name":"mail","receiver":{"type":"email","to":["%s"]},"groupBy":["service"],"groupWait":"0s"}""".formatted(recipients));
    ManualClock clock = new ManualClock(1_800_000_000_000L);
    Alert alert = new AlertEvaluator(config(1, 60, 60), clock, series -> 0.9)
        .onAnomaly(anomaly("api", "CPUUtilization", clock.millis(), 0.99, Severity.CRITICAL)).orElseThrow();
    return Notification.of(subscription, "mail:{service=\"api\"}", 1, new TreeMap<>(Map.of("service", "api")), List.of(alert), "firing",
        null, clock.millis(), "http://vigil.test");
  }

  private static AlertingConfig.Smtp smtp(int port) {
    return new AlertingConfig.Smtp("localhost", port, "required", "vigil", "p4ss", "vigil@example.com");
  }

  @Test
  void sendsOverStartTlsWithLoginAndClassifiesRefusals(Vertx vertx) throws Exception {
    FakeSmtpServer server = new FakeSmtpServer("vigil", "p4ss");
    int port = server.start(vertx);
    EmailReceiver receiver = new EmailReceiver(vertx, smtp(port), 5000, server.certificate().trustOptions());

    Notification notification = notification("oncall@example.com", "lead@example.com");
    assertThat(receiver.send(notification).await()).satisfies(result ->
        assertThat(result.outcome()).as(result.reason() + " " + server.protocolErrors).isEqualTo(DeliveryResult.Outcome.DELIVERED));
    assertThat(server.protocolErrors).isEmpty();
    assertThat(server.received).singleElement().satisfies(mail -> {
      assertThat(mail.overTls()).isTrue();
      assertThat(mail.from()).isEqualTo("vigil@example.com");
      assertThat(mail.to()).containsExactly("oncall@example.com", "lead@example.com");
      assertThat(mail.data()).contains("Subject: [FIRING:1] CPUUtilization of api is anomalous")
          .contains("X-Vigil-Delivery: " + notification.deliveryId())
          .contains("service api, severity critical");
    });

    DeliveryResult refused = receiver.send(notification("refused@example.com")).await();
    assertThat(refused.outcome()).isEqualTo(DeliveryResult.Outcome.PERMANENT);
    assertThat(refused.reason()).contains("550");
    assertThat(receiver.send(notification("busy@example.com")).await().outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
    receiver.close().await();

    EmailReceiver wrongPassword = new EmailReceiver(vertx, new AlertingConfig.Smtp("localhost", port, "required", "vigil", "nope",
        "vigil@example.com"), 5000, server.certificate().trustOptions());
    assertThat(wrongPassword.send(notification("oncall@example.com")).await().outcome()).isNotEqualTo(DeliveryResult.Outcome.DELIVERED);
    assertThat(server.received).hasSize(1);
    server.close();
  }

  @Test
  void aServerWhoseCertificateIsNotTrustedIsNeverSentTo(Vertx vertx) throws Exception {
    FakeSmtpServer server = new FakeSmtpServer("vigil", "p4ss");
    int port = server.start(vertx);
    EmailReceiver untrusting = new EmailReceiver(vertx, smtp(port), 5000, null);
    DeliveryResult result = untrusting.send(notification("oncall@example.com")).await();
    assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
    assertThat(server.received).isEmpty();
    assertThat(server.protocolErrors).noneMatch(error -> error.contains("before STARTTLS"));
    server.close();

    EmailReceiver unreachable = new EmailReceiver(vertx, smtp(LocalProcess.freePort()), 2000, null);
    assertThat(unreachable.send(notification("oncall@example.com")).await().outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
    EmailReceiver unconfigured = new EmailReceiver(vertx, new AlertingConfig.Smtp("", 587, "required", "", "", ""), 2000, null);
    assertThat(unconfigured.send(notification("oncall@example.com")).await().reason()).contains("alerting.smtpHost");
  }
}
