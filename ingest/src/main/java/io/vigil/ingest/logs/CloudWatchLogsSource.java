package io.vigil.ingest.logs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vigil.config.AwsConfig;
import io.vigil.config.CloudWatchLogsConfig;
import io.vigil.ingest.aws.AwsAccount;
import io.vigil.ingest.aws.AwsClients;
import io.vigil.ingest.source.AwsPollingSource;
import io.vigil.ingest.source.SourceStatusBoard;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.model.LogEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/**
 * Follows CloudWatch log groups of one account with FilterLogEvents: groups named exactly, or every
 * group under a prefix (re-listed with DescribeLogGroups each discovery interval), each read from its
 * cursor (a new group from the look-back) and written with its cursor in one Kafka transaction.
 * A failing group (unknown, access denied) is reported and retried without holding up the others.
 */
public final class CloudWatchLogsSource extends AwsPollingSource<CloudWatchLogsAsyncClient, LogCursor> {

  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchLogsSource.class);
  private static final int MAX_DESCRIBE_PAGES = 100;

  private final CloudWatchLogsConfig config;

  private Set<String> groups = new LinkedHashSet<>();
  private final Map<String, String> groupErrors = new TreeMap<>();
  private final Map<String, Integer> groupFailures = new HashMap<>();
  private final Map<String, Long> groupRetryAtMillis = new HashMap<>();
  private long eventsEmitted;

  public CloudWatchLogsSource(String name, AwsConfig aws, AwsAccount account, CloudWatchLogsConfig config,
      KafkaEndpoint kafka, SourceStatusBoard board, Clock clock) {
    super(name, "cloudwatch-logs", aws, account, AwsClients::logs, LogCursor::fromJson, "log group cursors",
        kafka, board, clock, config.pollIntervalSeconds());
    this.config = config;
  }

  @Override
  protected String degradation() {
    // Failing groups back off one by one (see collect); the healthy ones keep the schedule.
    return groupErrors.isEmpty() ? null : String.join("; ", groupErrors.values());
  }

  @Override
  protected JsonObject details() {
    JsonObject perGroup = new JsonObject();
    for (String group : groups) {
      LogCursor cursor = cursors() == null ? null : cursors().get(group);
      perGroup.put(group, new JsonObject()
          .put("cursorMillis", cursor == null ? null : cursor.timestampMillis())
          .put("lastError", groupErrors.get(group))
          .put("retryAtMillis", groupRetryAtMillis.get(group)));
    }
    groupErrors.forEach((group, error) -> {
      if (!perGroup.containsKey(group)) {
        perGroup.put(group, new JsonObject().put("lastError", error));
      }
    });
    return new JsonObject().put("account", account().label()).put("eventsEmitted", eventsEmitted).put("logGroups", perGroup);
  }

  /** Resolves names and prefixes to groups; an exact name that does not exist is a group error. */
  @Override
  protected Future<Void> discover() {
    Set<String> found = new LinkedHashSet<>();
    Map<String, String> missing = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (String entry : config.logGroups()) {
      boolean prefix = entry.endsWith("*");
      String text = prefix ? entry.substring(0, entry.length() - 1) : entry;
      chain = chain.compose(ignored -> describe(text, null, 0, new ArrayList<>()).map(listed -> {
        int before = found.size();
        for (String group : listed) {
          if (prefix || group.equals(text)) {
            found.add(group);
          }
        }
        if (found.size() == before && !prefix) {
          missing.put(entry, "log group " + entry + " does not exist (or is not visible to these credentials)");
        } else if (found.size() == before) {
          missing.put(entry, "no log group starts with " + text);
        }
        return null;
      }));
    }
    return chain.map(ignored -> {
      groupErrors.keySet().removeIf(key -> config.logGroups().contains(key));
      groupErrors.putAll(missing);
      if (!found.equals(groups)) {
        LOG.info("{}: following {} log groups", name(), found.size());
      }
      groups = found;
      discoverAgainIn(config.discoveryIntervalMinutes() * 60_000L);
      return null;
    });
  }

  private Future<List<String>> describe(String prefix, String token, int page, List<String> names) {
    DescribeLogGroupsRequest request = DescribeLogGroupsRequest.builder().logGroupNamePrefix(prefix).nextToken(token).build();
    return call(() -> client().describeLogGroups(request)).compose(response -> {
      for (LogGroup group : response.logGroups()) {
        names.add(group.logGroupName());
      }
      String next = response.nextToken();
      return next == null || next.isEmpty() || page + 1 >= MAX_DESCRIBE_PAGES
          ? Future.succeededFuture(names)
          : describe(prefix, next, page + 1, names);
    });
  }

  /** Polls every group not backing off; a failing group is noted and retried later on its own backoff. */
  @Override
  protected Future<Void> collect() {
    Future<Void> chain = Future.succeededFuture();
    for (String group : List.copyOf(groups)) {
      chain = chain.compose(ignored -> {
        if (clock().millis() < groupRetryAtMillis.getOrDefault(group, 0L)) {
          return Future.succeededFuture();
        }
        return pollGroup(group)
            .onSuccess(done -> {
              groupErrors.remove(group);
              groupFailures.remove(group);
              groupRetryAtMillis.remove(group);
            })
            .otherwise(failure -> {
              int failures = groupFailures.merge(group, 1, Integer::sum);
              long delay = backoff().delayMillis(failures);
              groupRetryAtMillis.put(group, clock().millis() + delay);
              String error = group + ": " + AwsClients.describe(failure);
              groupErrors.put(group, error);
              LOG.warn("{}: {}; retrying the group in {} ms", name(), error, delay);
              return null;
            });
      });
    }
    return chain;
  }

  private Future<Void> pollGroup(String group) {
    LogCursor cursor = cursors().get(group);
    long lateMillis = config.lateArrivalSeconds() * 1000L;
    long start = cursor != null ? cursor.timestampMillis() - lateMillis : clock().millis() - config.lookbackMinutes() * 60_000L;
    Set<String> seen = cursor == null ? Set.of() : cursor.recent().keySet();
    List<FilteredLogEvent> read = new ArrayList<>();
    return filter(group, start, null, seen, 0, read).compose(ignored -> {
      read.sort(Comparator.comparingLong(FilteredLogEvent::timestamp).thenComparing(FilteredLogEvent::eventId));
      List<LogEvent> events = new ArrayList<>();
      Map<String, Long> emitted = new LinkedHashMap<>();
      for (FilteredLogEvent event : read) {
        if (event.timestamp() < start || seen.contains(event.eventId()) || emitted.containsKey(event.eventId())) {
          continue;
        }
        emitted.put(event.eventId(), event.timestamp());
        events.add(new LogEvent(group, event.logStreamName(), event.timestamp(), event.message(), event.eventId()));
      }
      if (events.isEmpty()) {
        return Future.succeededFuture();
      }
      LogCursor next = (cursor == null ? new LogCursor(Long.MIN_VALUE, Map.of()) : cursor).advance(emitted, lateMillis);
      return writer().write(List.of(), events, Map.of(group, next.toJson())).map(written -> {
        cursors().put(group, next);
        eventsEmitted += events.size();
        recordEmitted(next.timestampMillis());
        return null;
      });
    });
  }

  /**
   * Reads pages until the last one or until {@code maxEventsPerPoll} events not in {@code seen} were
   * read; the rest waits for the next poll. Events already emitted (re-read for late arrivals) do
   * not count, so a busy late-arrival window cannot stall a group.
   */
  private Future<Void> filter(String group, long start, String token, Set<String> seen, long unseenBefore,
      List<FilteredLogEvent> read) {
    FilterLogEventsRequest.Builder request = FilterLogEventsRequest.builder()
        .logGroupName(group)
        .startTime(start)
        .nextToken(token);
    if (!config.filterPattern().isEmpty()) {
      request.filterPattern(config.filterPattern());
    }
    FilterLogEventsRequest built = request.build();
    return call(() -> client().filterLogEvents(built)).compose(response -> {
      read.addAll(response.events());
      String next = response.nextToken();
      long unseen = unseenBefore + response.events().stream().filter(event -> !seen.contains(event.eventId())).count();
      if (next == null || next.isEmpty() || unseen >= config.maxEventsPerPoll()) {
        return Future.succeededFuture();
      }
      return filter(group, start, next, seen, unseen, read);
    });
  }
}
