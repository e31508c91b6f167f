package io.vigil.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vigil.alerting.notify.DeliveryResult;
import io.vigil.alerting.notify.SnsReceiver;
import io.vigil.testing.Eventually;
import io.vigil.testing.LocalProcess;
import io.vigil.testing.ReceiverStub;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsAsyncClient;

/**
 * The SNS receiver against moto's SNS server on a free loopback port: a notification is published
 * with its delivery id as a message attribute (moto forwards it to an HTTP subscriber we run), and a
 * topic that does not exist is a permanent failure.
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class SnsReceiverMotoTest {

  @TempDir
  static Path folder;

  private static LocalProcess moto;
  private static String endpoint;

  @BeforeAll
  static void startMoto() {
    moto = LocalProcess.moto(folder.resolve("moto.log"));
    endpoint = "http://127.0.0.1:" + moto.port();
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) {
      moto.close();
    }
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void publishesTheBodyWithTheDeliveryIdAndAMissingTopicIsPermanent(Vertx vertx, VertxTestContext test) throws Exception {
    ReceiverStub subscriber = new ReceiverStub();
    subscriber.start(vertx).await();
    String topicArn;
    try (SnsAsyncClient admin = SnsAsyncClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(endpoint)).build()) {
      topicArn = admin.createTopic(request -> request.name("vigil-alerts")).get(30, TimeUnit.SECONDS).topicArn();
      admin.subscribe(request -> request.topicArn(topicArn).protocol("http").endpoint(subscriber.url("/sns"))).get(30, TimeUnit.SECONDS);
    }
    SnsReceiver receiver = new SnsReceiver(vertx, endpoint, Duration.ofSeconds(10));
    String payload = new JsonObject().put("version", "1").put("status", "firing").put("groupKey", "ops:{}").encode();
    Notification published = new Notification("d-sns-1", "ops", new JsonObject().put("type", "sns").put("topicArn", topicArn).put("region", "us-east-1"),
        "ops:{}", "firing", 0, payload);
    Notification missing = new Notification("d-sns-2", "ops", new JsonObject().put("type", "sns")
        .put("topicArn", "arn:aws:sns:us-east-1:123456789012:no-such-topic").put("region", "us-east-1"), "ops:{}", "firing", 0, payload);
    vertx.runOnContext(start -> receiver.send(published)
        .compose(result -> {
          test.verify(() -> assertThat(result.outcome()).as(result.reason()).isEqualTo(DeliveryResult.Outcome.DELIVERED));
          return Eventually.succeeds(vertx, 50, 100, () -> {
            assertThat(subscriber.at("/sns")).isNotEmpty();
            return Future.succeededFuture(subscriber.at("/sns").get(0).json());
          });
        })
        .compose(forwarded -> {
          test.verify(() -> {
            assertThat(forwarded.getString("Message")).isEqualTo(payload);
            assertThat(forwarded.getString("Subject")).isEqualTo("Vigil firing: ops");
          });
          return receiver.send(missing);
        })
        .onComplete(test.succeeding(result -> test.verify(() -> {
          assertThat(result.outcome()).as(result.reason()).isEqualTo(DeliveryResult.Outcome.PERMANENT);
          receiver.close();
          test.completeNow();
        }))));
  }
}
