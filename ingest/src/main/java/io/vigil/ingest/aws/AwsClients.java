package io.vigil.ingest.aws;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vigil.config.AwsConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.ecs.EcsAsyncClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds the SDK's async clients from {@link AwsConfig}: region and credentials from the SDK's
 * default chains unless configured, an optional endpoint override for emulators, and an assumed role
 * per account. Also bridges SDK futures onto a Vert.x context.
 */
public final class AwsClients {

  private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(20);

  private AwsClients() {}

  /** The accounts to watch: one per configured role, or the default credentials. */
  public static List<AwsAccount> accounts(AwsConfig aws) {
    if (aws.roleArns().isEmpty()) {
      return List.of(AwsAccount.defaultCredentials());
    }
    return aws.roleArns().stream().map(AwsAccount::role).toList();
  }

  public static CloudWatchAsyncClient cloudWatch(AwsConfig aws, AwsAccount account) {
    return configure(CloudWatchAsyncClient.builder(), aws, account).build();
  }

  public static CloudWatchLogsAsyncClient logs(AwsConfig aws, AwsAccount account) {
    return configure(CloudWatchLogsAsyncClient.builder(), aws, account).build();
  }

  /** ECS, for the recommender's task metadata and its apply and rollback, and the ECS events source. */
  public static EcsAsyncClient ecs(AwsConfig aws, AwsAccount account) {
    return configure(EcsAsyncClient.builder(), aws, account).build();
  }

  /** CloudFormation, for the stack events source. */
  public static CloudFormationAsyncClient cloudFormation(AwsConfig aws, AwsAccount account) {
    return configure(CloudFormationAsyncClient.builder(), aws, account).build();
  }

  private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsConfig aws, AwsAccount account) {
    if (!aws.region().isEmpty()) {
      builder.region(Region.of(aws.region()));
    }
    if (!aws.endpointOverride().isEmpty()) {
      builder.endpointOverride(URI.create(aws.endpointOverride()));
    }
    builder.credentialsProvider(credentials(aws, account));
    builder.overrideConfiguration(ClientOverrideConfiguration.builder()
        .apiCallTimeout(API_CALL_TIMEOUT)
        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
        .build());
    return builder;
  }

  private static AwsCredentialsProvider credentials(AwsConfig aws, AwsAccount account) {
    if (account.roleArn().isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    StsClientBuilder sts = StsClient.builder().credentialsProvider(DefaultCredentialsProvider.builder().build());
    if (!aws.region().isEmpty()) {
      sts.region(Region.of(aws.region()));
    }
    if (!aws.endpointOverride().isEmpty()) {
      sts.endpointOverride(URI.create(aws.endpointOverride()));
    }
    String roleArn = account.roleArn().get();
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts.build())
        .asyncCredentialUpdateEnabled(true)
        .refreshRequest(request -> {
          request.roleArn(roleArn).roleSessionName("vigil");
          if (!aws.externalId().isEmpty()) {
            request.externalId(aws.externalId());
          }
        })
        .build();
  }

  /**
   * Runs an SDK call and completes on {@code context}. The call is started on {@code worker},
   * since the SDK may resolve credentials or the region synchronously (files, instance metadata)
   * before it returns its future; the response then completes on the context's event loop.
   */
  public static <T> Future<T> call(Context context, WorkerExecutor worker, Supplier<CompletableFuture<T>> call) {
    return worker.<CompletableFuture<T>>executeBlocking(call::get, false)
        .compose(pending -> Future.fromCompletionStage(pending, context));
  }

  /** The SDK's description of a failure, without the wrapping CompletionException. */
  public static String describe(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service) {
      String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      String message = service.awsErrorDetails() == null ? service.getMessage() : service.awsErrorDetails().errorMessage();
      return (code == null ? "" : code + ": ") + message + " (HTTP " + service.statusCode() + ")";
    }
    String message = cause.getMessage();
    if (message != null && message.startsWith("Unable to load region")) {
      return "no AWS region: set aws.region, AWS_REGION or a profile's region (" + message.substring(0, Math.min(message.length(), 120)) + "...)";
    }
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
