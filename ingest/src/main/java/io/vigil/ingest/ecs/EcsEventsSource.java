package io.vigil.ingest.ecs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vigil.config.AwsConfig;
import io.vigil.config.EcsEventsConfig;
import io.vigil.ingest.aws.AwsAccount;
import io.vigil.ingest.aws.AwsClients;
import io.vigil.ingest.logs.LogCursor;
import io.vigil.ingest.source.AwsPollingSource;
import io.vigil.ingest.source.SourceStatusBoard;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.model.DeploymentEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.EcsAsyncClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Follows ECS services of one account: every poll, DescribeServices (ten at a time) for their
 * deployments and service events, and ListTasks (desired status STOPPED) with DescribeTasks for the
 * stop reasons and exit codes of their stopped tasks; the new ones are written as deployment events
 * keyed by service, with the service's cursor, in one Kafka transaction per service. A missing
 * service is reported and the others go on.
 */
public final class EcsEventsSource extends AwsPollingSource<EcsAsyncClient, LogCursor> {

  private static final Logger LOG = LoggerFactory.getLogger(EcsEventsSource.class);
  /** Events older than this behind a service's newest are not read again (ECS shows them at once). */
  static final long LATE_MILLIS = 5 * 60_000L;
  private static final int DESCRIBE_SERVICES_MAX = 10;
  private static final int DESCRIBE_TASKS_MAX = 100;
  private static final int MAX_LIST_PAGES = 100;

  private final EcsEventsConfig config;
  private Map<String, EcsServiceRef> services = new LinkedHashMap<>();
  private final Map<String, String> serviceErrors = new TreeMap<>();
  private long eventsEmitted;

  public EcsEventsSource(String name, AwsConfig aws, AwsAccount account, EcsEventsConfig config, KafkaEndpoint kafka,
      SourceStatusBoard board, Clock clock) {
    super(name, "ecs", aws, account, AwsClients::ecs, LogCursor::fromJson, "service cursors", kafka, board, clock,
        config.pollIntervalSeconds());
    this.config = config;
  }

  @Override
  protected String degradation() {
    return serviceErrors.isEmpty() ? null : String.join("; ", serviceErrors.values());
  }

  @Override
  protected JsonObject details() {
    JsonObject perService = new JsonObject();
    services.forEach((key, ref) -> {
      LogCursor cursor = cursors() == null ? null : cursors().get(key);
      perService.put(key, new JsonObject().put("service", ref.vigilService())
          .put("cursorMillis", cursor == null ? null : cursor.timestampMillis())
          .put("lastError", serviceErrors.get(key)));
    });
    return new JsonObject().put("account", account().label()).put("eventsEmitted", eventsEmitted).put("services", perService);
  }

  /** The configured services, and every service of the configured clusters. */
  @Override
  protected Future<Void> discover() {
    Map<String, EcsServiceRef> found = new LinkedHashMap<>();
    for (EcsEventsConfig.Service service : config.services()) {
      EcsServiceRef ref = new EcsServiceRef(service.cluster(), service.service(), service.name());
      found.put(ref.key(), ref);
    }
    Future<Void> chain = Future.succeededFuture();
    for (String cluster : config.clusters()) {
      chain = chain.compose(ignored -> listServices(cluster, null, 0, found)
          .onSuccess(done -> serviceErrors.remove(cluster))
          .otherwise(failure -> {
            serviceErrors.put(cluster, "cluster " + cluster + ": " + AwsClients.describe(failure));
            return null;
          }));
    }
    return chain.map(ignored -> {
      if (!found.keySet().equals(services.keySet())) {
        LOG.info("{}: following {} ECS services", name(), found.size());
      }
      services = found;
      discoverAgainIn(config.discoveryIntervalMinutes() * 60_000L);
      return null;
    });
  }

  private Future<Void> listServices(String cluster, String token, int page, Map<String, EcsServiceRef> found) {
    return call(() -> client().listServices(request -> request.cluster(cluster).nextToken(token))).compose(response -> {
      for (String arn : response.serviceArns()) {
        String service = arn.substring(arn.lastIndexOf('/') + 1);
        EcsServiceRef ref = new EcsServiceRef(cluster, service, service);
        found.putIfAbsent(ref.key(), ref);
      }
      String next = response.nextToken();
      return next == null || next.isEmpty() || page + 1 >= MAX_LIST_PAGES ? Future.succeededFuture() : listServices(cluster, next, page + 1, found);
    });
  }

  @Override
  protected Future<Void> collect() {
    Map<String, List<EcsServiceRef>> byCluster = new LinkedHashMap<>();
    services.values().forEach(ref -> byCluster.computeIfAbsent(ref.cluster(), cluster -> new ArrayList<>()).add(ref));
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, List<EcsServiceRef>> cluster : byCluster.entrySet()) {
      List<EcsServiceRef> refs = cluster.getValue();
      for (int from = 0; from < refs.size(); from += DESCRIBE_SERVICES_MAX) {
        List<EcsServiceRef> chunk = refs.subList(from, Math.min(refs.size(), from + DESCRIBE_SERVICES_MAX));
        chain = chain.compose(ignored -> describeServices(cluster.getKey(), chunk));
      }
    }
    return chain;
  }

  private Future<Void> describeServices(String cluster, List<EcsServiceRef> refs) {
    List<String> names = refs.stream().map(EcsServiceRef::service).toList();
    return call(() -> client().describeServices(request -> request.cluster(cluster).services(names))).compose(response -> {
      for (Failure failure : response.failures()) {
        String service = failure.arn() == null ? "" : failure.arn().substring(failure.arn().lastIndexOf('/') + 1);
        String key = cluster + "/" + service;
        serviceErrors.put(key, "service " + key + ": " + failure.reason() + (failure.detail() == null ? "" : " (" + failure.detail() + ")"));
      }
      Future<Void> chain = Future.succeededFuture();
      for (Service service : response.services()) {
        EcsServiceRef ref = refs.stream().filter(candidate -> candidate.service().equals(service.serviceName())).findFirst().orElse(null);
        if (ref == null) {
          continue;
        }
        chain = chain.compose(ignored -> pollService(ref, service)
            .onSuccess(done -> serviceErrors.remove(ref.key()))
            .otherwise(failure -> {
              serviceErrors.put(ref.key(), "service " + ref.key() + ": " + AwsClients.describe(failure));
              return null;
            }));
      }
      return chain;
    });
  }

  private Future<Void> pollService(EcsServiceRef ref, Service service) {
    return stoppedTasks(ref).compose(tasks -> {
      List<DeploymentEvent> read = new ArrayList<>(EcsDeploymentEvents.ofService(ref, service));
      for (Task task : tasks) {
        EcsDeploymentEvents.ofStoppedTask(ref, task, service).ifPresent(read::add);
      }
      read.sort(java.util.Comparator.comparingLong(DeploymentEvent::timestampMillis).thenComparing(DeploymentEvent::eventId));
      return write(ref.key(), read);
    });
  }

  /** Writes the events not yet written (by the service's cursor) with the advanced cursor, in one transaction. */
  private Future<Void> write(String key, List<DeploymentEvent> read) {
    LogCursor cursor = cursors().get(key);
    long start = cursor != null ? cursor.timestampMillis() - LATE_MILLIS : clock().millis() - config.lookbackMinutes() * 60_000L;
    Set<String> seen = cursor == null ? Set.of() : cursor.recent().keySet();
    List<DeploymentEvent> events = new ArrayList<>();
    Map<String, Long> emitted = new LinkedHashMap<>();
    for (DeploymentEvent event : read) {
      if (event.timestampMillis() < start || seen.contains(event.eventId()) || emitted.containsKey(event.eventId())) {
        continue;
      }
      emitted.put(event.eventId(), event.timestampMillis());
      events.add(event);
    }
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    LogCursor next = (cursor == null ? new LogCursor(Long.MIN_VALUE, Map.of()) : cursor).advance(emitted, LATE_MILLIS);
    return writer().writeDeploymentEvents(events, Map.of(key, next.toJson())).map(written -> {
      cursors().put(key, next);
      eventsEmitted += events.size();
      recordEmitted(next.timestampMillis());
      return null;
    });
  }

  private Future<List<Task>> stoppedTasks(EcsServiceRef ref) {
    return call(() -> client().listTasks(request -> request.cluster(ref.cluster()).serviceName(ref.service())
        .desiredStatus(DesiredStatus.STOPPED).maxResults(Math.min(100, config.maxStoppedTasks())))).compose(listed -> {
          List<String> arns = listed.taskArns().subList(0, Math.min(listed.taskArns().size(), config.maxStoppedTasks()));
          if (arns.isEmpty()) {
            return Future.succeededFuture(List.<Task>of());
          }
          List<Task> tasks = new ArrayList<>();
          Future<Void> chain = Future.succeededFuture();
          for (int from = 0; from < arns.size(); from += DESCRIBE_TASKS_MAX) {
            List<String> chunk = arns.subList(from, Math.min(arns.size(), from + DESCRIBE_TASKS_MAX));
            chain = chain.compose(ignored -> call(() -> client().describeTasks(request -> request.cluster(ref.cluster()).tasks(chunk)))
                .map(described -> {
                  tasks.addAll(described.tasks());
                  return null;
                }));
          }
          return chain.map(ignored -> tasks);
        });
  }
}
