package io.vigil.alerting.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.alerting.Notification;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.SnsAsyncClientBuilder;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Publishes the notification body to an SNS topic with the async AWS client (one per region,
 * credentials from the default chain), the delivery id as a message attribute. Throttling, 5xx and
 * client-side failures are retried; other 4xx are permanent.
 */
public final class SnsReceiver implements Receiver, AutoCloseable {

  private final Vertx vertx;
  private final String endpoint;
  private final Duration timeout;
  private final Map<String, SnsAsyncClient> clients = new ConcurrentHashMap<>();

  /** @param endpoint empty for AWS's own endpoint; set for a local SNS (tests, moto) */
  public SnsReceiver(Vertx vertx, String endpoint, Duration timeout) {
    this.vertx = vertx;
    this.endpoint = endpoint;
    this.timeout = timeout;
  }

  @Override
  public Future<DeliveryResult> send(Notification notification) {
    String region = notification.receiver().getString("region", "us-east-1");
    PublishRequest request = PublishRequest.builder()
        .topicArn(notification.receiver().getString("topicArn"))
        .subject(subject(notification))
        .message(notification.payload())
        .messageAttributes(Map.of("X-Vigil-Delivery", MessageAttributeValue.builder().dataType("String").stringValue(notification.deliveryId()).build()))
        .build();
    // Building a client loads and configures much of the SDK: done on a worker, once per region.
    return vertx.executeBlocking(() -> client(region), false)
        .compose(client -> Future.fromCompletionStage(client.publish(request), vertx.getOrCreateContext()))
        .map(response -> DeliveryResult.delivered())
        .otherwise(SnsReceiver::classify);
  }

  private static String subject(Notification notification) {
    String subject = "Vigil " + notification.status() + ": " + notification.subscription();
    return subject.length() <= 100 ? subject : subject.substring(0, 100);
  }

  private static DeliveryResult classify(Throwable failure) {
    Throwable cause = failure.getCause() != null && !(failure instanceof AwsServiceException) ? failure.getCause() : failure;
    if (cause instanceof AwsServiceException service) {
      int status = service.statusCode();
      if (service.isThrottlingException() || status >= 500 || status == 408 || status == 429) {
        return DeliveryResult.retry("SNS " + status + ": " + service.awsErrorDetails().errorCode());
      }
      return DeliveryResult.permanent("SNS " + status + ": " + service.awsErrorDetails().errorMessage());
    }
    if (cause instanceof SdkClientException) {
      return DeliveryResult.retry("SNS client: " + cause.getMessage());
    }
    return DeliveryResult.retry(cause.getClass().getSimpleName() + ": " + cause.getMessage());
  }

  private SnsAsyncClient client(String region) {
    return clients.computeIfAbsent(region, name -> {
      SnsAsyncClientBuilder builder = SnsAsyncClient.builder()
          .region(Region.of(name))
          .overrideConfiguration(override -> override.apiCallTimeout(timeout));
      if (!endpoint.isEmpty()) {
        builder.endpointOverride(URI.create(endpoint));
      }
      return builder.build();
    });
  }

  @Override
  public void close() {
    clients.values().forEach(SnsAsyncClient::close);
  }
}
