package io.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vigil.alerting.Notification;
import io.vigil.alerting.ReceiverUrlGuard;
import io.vigil.testing.ManualClock;
import io.vigil.testing.ReceiverStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The webhook signature covers the timestamp with the body, so neither can be changed and an old request is refused. */
@ExtendWith(VertxExtension.class)
class WebhookSignatureTest {

  private static final String SECRET = "s3cret";
  private static final String BODY = "{\"version\":\"4\",\"status\":\"firing\"}";
  private static final long NOW = 1_800_000_000L;

  @Test
  void theSignatureIsTheHmacOfTimestampDotBody() {
    assertThat(WebhookSignature.sign(SECRET, NOW, BODY)).isEqualTo("sha256=" + WebhookSignature.hmacSha256Hex(SECRET, NOW + "." + BODY));
    // A known vector, so receivers in other languages can check their code against it.
    assertThat(WebhookSignature.sign("key", 1, "{}")).isEqualTo("sha256=" + WebhookSignature.hmacSha256Hex("key", "1.{}"))
        .hasSize(7 + 64);
  }

  @Test
  void aChangedTimestampBodyOrSecretFailsAndAnOldOrFutureTimestampIsRefused() {
    String signature = WebhookSignature.sign(SECRET, NOW, BODY);
    long tolerance = WebhookSignature.DEFAULT_TOLERANCE_SECONDS;
    assertThat(WebhookSignature.verify(SECRET, String.valueOf(NOW), signature, BODY, NOW + 10, tolerance)).isTrue();
    assertThat(WebhookSignature.verify(SECRET, String.valueOf(NOW + 1), signature, BODY, NOW + 10, tolerance))
        .as("the timestamp of a captured request moved to now").isFalse();
    assertThat(WebhookSignature.verify(SECRET, String.valueOf(NOW), signature, BODY + " ", NOW + 10, tolerance)).isFalse();
    assertThat(WebhookSignature.verify("other", String.valueOf(NOW), signature, BODY, NOW + 10, tolerance)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, String.valueOf(NOW), signature, BODY, NOW + tolerance + 1, tolerance))
        .as("replayed six minutes later").isFalse();
    assertThat(WebhookSignature.verify(SECRET, String.valueOf(NOW), signature, BODY, NOW - tolerance - 1, tolerance)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "soon", signature, BODY, NOW, tolerance)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, null, signature, BODY, NOW, tolerance)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, String.valueOf(NOW), null, BODY, NOW, tolerance)).isFalse();
  }

  @Test
  void eachAttemptIsSignedAtItsOwnTimeWithTheSameDeliveryId(Vertx vertx) {
    ReceiverStub stub = new ReceiverStub().start(vertx).await();
    ManualClock clock = new ManualClock(NOW * 1000 + 999);
    HttpReceiver receiver = new HttpReceiver(WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)),
        new ReceiverUrlGuard(vertx, true), 2000, clock);
    JsonObject target = new JsonObject().put("type", "webhook").put("url", stub.url("/signed")).put("secret", SECRET);
    Notification notification = new Notification("d-1", "ops", target, "ops:{}", "firing", 0, BODY);
    receiver.send(notification).await();
    clock.advanceSeconds(90);
    receiver.send(notification).await();

    assertThat(stub.at("/signed")).hasSize(2);
    ReceiverStub.Received first = stub.at("/signed").get(0);
    ReceiverStub.Received retry = stub.at("/signed").get(1);
    assertThat(first.timestamp()).isEqualTo(String.valueOf(NOW));
    assertThat(retry.timestamp()).isEqualTo(String.valueOf(NOW + 90));
    assertThat(retry.deliveryId()).isEqualTo(first.deliveryId()).isEqualTo("d-1");
    assertThat(retry.signature()).isNotEqualTo(first.signature());
    for (ReceiverStub.Received request : stub.at("/signed")) {
      assertThat(WebhookSignature.verify(SECRET, request.timestamp(), request.signature(), request.body(), NOW + 90,
          WebhookSignature.DEFAULT_TOLERANCE_SECONDS)).isTrue();
    }
    assertThat(WebhookSignature.verify(SECRET, retry.timestamp(), first.signature(), first.body(), NOW + 90,
        WebhookSignature.DEFAULT_TOLERANCE_SECONDS)).as("the first signature does not cover the retry's timestamp").isFalse();
  }

  @Test
  void aWebhookWithoutASecretIsSentUnsigned(Vertx vertx) {
    ReceiverStub stub = new ReceiverStub().start(vertx).await();
    HttpReceiver receiver = new HttpReceiver(WebClient.create(vertx), new ReceiverUrlGuard(vertx, true), 2000, new ManualClock(NOW * 1000));
    receiver.send(new Notification("d-2", "ops", new JsonObject().put("type", "webhook").put("url", stub.url("/plain")), "k", "firing", 0, BODY))
        .await();
    assertThat(stub.at("/plain")).singleElement().satisfies(request -> {
      assertThat(request.signature()).isNull();
      assertThat(request.timestamp()).isNull();
    });
  }
}
