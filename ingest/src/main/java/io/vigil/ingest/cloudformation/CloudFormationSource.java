package io.vigil.ingest.cloudformation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vigil.config.AwsConfig;
import io.vigil.config.CloudFormationConfig;
import io.vigil.ingest.aws.AwsAccount;
import io.vigil.ingest.aws.AwsClients;
import io.vigil.ingest.logs.LogCursor;
import io.vigil.ingest.source.AwsPollingSource;
import io.vigil.ingest.source.SourceStatusBoard;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.model.DeploymentEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudformation.CloudFormationAsyncClient;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * Follows the stack events of configured CloudFormation stacks: DescribeStackEvents, newest first,
 * page by page until an event older than the stack's cursor (less a late window), then the new
 * events oldest first as deployment events of the stack's service, written with the stack's cursor
 * in one Kafka transaction. A failing stack (unknown, access denied) is reported and retried
 * without holding up the others.
 */
public final class CloudFormationSource extends AwsPollingSource<CloudFormationAsyncClient, StackCursor> {

  /** Events up to this much older than a stack's newest are read again, in case they show late. */
  static final long LATE_MILLIS = 2 * 60_000L;
  private static final int MAX_PAGES = 20;

  private final CloudFormationConfig config;
  private final Map<String, String> stackErrors = new TreeMap<>();
  private final Map<String, Integer> stackFailures = new HashMap<>();
  private final Map<String, Long> stackRetryAtMillis = new HashMap<>();
  private long eventsEmitted;

  public CloudFormationSource(String name, AwsConfig aws, AwsAccount account, CloudFormationConfig config, KafkaEndpoint kafka,
      SourceStatusBoard board, Clock clock) {
    super(name, "cloudformation", aws, account, AwsClients::cloudFormation, StackCursor::fromJson, "stack cursors", kafka, board,
        clock, config.pollIntervalSeconds());
    this.config = config;
  }

  @Override
  protected String degradation() {
    return stackErrors.isEmpty() ? null : String.join("; ", stackErrors.values());
  }

  @Override
  protected JsonObject details() {
    JsonObject perStack = new JsonObject();
    for (CloudFormationConfig.Stack stack : config.stacks()) {
      StackCursor cursor = cursors() == null ? null : cursors().get(stack.name());
      perStack.put(stack.name(), new JsonObject().put("service", stack.service())
          .put("cursorMillis", cursor == null ? null : cursor.events().timestampMillis())
          .put("operationId", cursor == null ? null : cursor.operationId())
          .put("lastError", stackErrors.get(stack.name())));
    }
    return new JsonObject().put("account", account().label()).put("eventsEmitted", eventsEmitted).put("stacks", perStack);
  }

  @Override
  protected Future<Void> discover() {
    discoverAgainIn(Long.MAX_VALUE / 2);
    return Future.succeededFuture();
  }

  @Override
  protected Future<Void> collect() {
    Future<Void> chain = Future.succeededFuture();
    for (CloudFormationConfig.Stack stack : config.stacks()) {
      chain = chain.compose(ignored -> {
        if (clock().millis() < stackRetryAtMillis.getOrDefault(stack.name(), 0L)) {
          return Future.succeededFuture();
        }
        return pollStack(stack)
            .onSuccess(done -> {
              stackErrors.remove(stack.name());
              stackFailures.remove(stack.name());
              stackRetryAtMillis.remove(stack.name());
            })
            .otherwise(failure -> {
              int failures = stackFailures.merge(stack.name(), 1, Integer::sum);
              stackRetryAtMillis.put(stack.name(), clock().millis() + backoff().delayMillis(failures));
              stackErrors.put(stack.name(), "stack " + stack.name() + ": " + AwsClients.describe(failure));
              return null;
            });
      });
    }
    return chain;
  }

  private Future<Void> pollStack(CloudFormationConfig.Stack stack) {
    StackCursor cursor = cursors().get(stack.name());
    long start = cursor != null ? cursor.events().timestampMillis() - LATE_MILLIS
        : clock().millis() - config.lookbackMinutes() * 60_000L;
    Set<String> seen = cursor == null ? Set.of() : cursor.events().recent().keySet();
    List<StackEvent> read = new ArrayList<>();
    return describe(stack.name(), null, 0, start, read).compose(ignored -> {
      List<StackEvent> fresh = new ArrayList<>();
      for (StackEvent event : read) {
        if (event.timestamp() != null && event.timestamp().toEpochMilli() >= start && !seen.contains(event.eventId())) {
          fresh.add(event);
        }
      }
      if (fresh.isEmpty()) {
        return Future.succeededFuture();
      }
      fresh.sort(Comparator.comparing(StackEvent::timestamp).thenComparing(StackEvent::eventId));
      StackEventMapper.Mapped mapped = StackEventMapper.map(stack.service(), fresh, cursor == null ? "" : cursor.operationId());
      Map<String, Long> emitted = new LinkedHashMap<>();
      mapped.events().forEach(event -> emitted.put(event.eventId(), event.timestampMillis()));
      LogCursor events = (cursor == null ? new LogCursor(Long.MIN_VALUE, Map.of()) : cursor.events()).advance(emitted, LATE_MILLIS);
      StackCursor next = new StackCursor(events, mapped.operationId());
      List<DeploymentEvent> written = mapped.events();
      return writer().writeDeploymentEvents(written, Map.of(stack.name(), next.toJson())).map(done -> {
        cursors().put(stack.name(), next);
        eventsEmitted += written.size();
        recordEmitted(events.timestampMillis());
        return null;
      });
    });
  }

  /** Reads pages (newest first) until one reaches back before {@code startMillis}, or the last one. */
  private Future<Void> describe(String stack, String token, int page, long startMillis, List<StackEvent> read) {
    return call(() -> client().describeStackEvents(request -> request.stackName(stack).nextToken(token))).compose(response -> {
      read.addAll(response.stackEvents());
      boolean reachedBack = response.stackEvents().stream()
          .anyMatch(event -> event.timestamp() != null && event.timestamp().toEpochMilli() < startMillis);
      String next = response.nextToken();
      if (reachedBack || next == null || next.isEmpty() || page + 1 >= MAX_PAGES) {
        return Future.succeededFuture();
      }
      return describe(stack, next, page + 1, startMillis, read);
    });
  }
}
