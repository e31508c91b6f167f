package io.vigil.engine.cli;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vigil.ingest.probe.DependencyCheck;
import io.vigil.ingest.probe.ProbeFailure;
import io.vigil.model.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil wait-for}: blocks until every named dependency answers, retrying each with
 * exponential backoff and printing why each attempt failed (refused, timeout, auth, not ready).
 * Exits 0 when all are ready, 124 (as timeout(1) does) when the time runs out, with a summary.
 */
@Command(name = "wait-for", mixinStandardHelpOptions = true,
    description = "Wait until PostgreSQL, Redis, HTTP endpoints and Kafka are ready; exit 124 on timeout.")
final class WaitForCommand implements Callable<Integer> {

  /** Exit code when the timeout passes first, as timeout(1) uses. */
  static final int TIMED_OUT = 124;
  /** Exit code when nothing was named to wait for. */
  static final int USAGE = 2;

  private static final long INITIAL_DELAY_MILLIS = 250;
  private static final long MAX_DELAY_MILLIS = 5_000;

  @Option(names = "--postgres", paramLabel = "URL", description = "postgresql://user:password@host:port/db; connects and runs SELECT 1.")
  List<String> postgres = new ArrayList<>();

  @Option(names = "--redis", paramLabel = "URL", description = "redis://[:password@]host:port; sends PING.")
  List<String> redis = new ArrayList<>();

  @Option(names = "--http", paramLabel = "URL", description = "http(s)://...; GET must answer 2xx or 3xx.")
  List<String> http = new ArrayList<>();

  @Option(names = "--kafka", paramLabel = "SERVERS", description = "host:port[,host:port]; the cluster must describe itself.")
  List<String> kafka = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "180s", converter = DurationConverter.class,
      description = "Give up after this long (e.g. 90s, 3m, 500ms; default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--attempt-timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
      description = "Bound on one attempt (default ${DEFAULT-VALUE}).")
  Duration attemptTimeout;

  @Spec
  CommandSpec spec;

  /** The outcome of waiting for one dependency. */
  private record Outcome(String target, boolean ready, int attempts, String lastFailure) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Vertx vertx = Vertx.vertx();
    try {
      int attemptMillis = (int) Math.max(100, attemptTimeout.toMillis());
      List<DependencyCheck> checks = new ArrayList<>();
      postgres.forEach(url -> checks.add(DependencyCheck.postgres(vertx, url, attemptMillis)));
      redis.forEach(url -> checks.add(DependencyCheck.redis(vertx, url, attemptMillis)));
      http.forEach(url -> checks.add(DependencyCheck.http(vertx, url, attemptMillis, 0, "")));
      kafka.forEach(servers -> checks.add(kafkaCheck(vertx, servers, attemptMillis)));
      if (checks.isEmpty()) {
        err.println("wait-for: name at least one of --postgres, --redis, --http, --kafka");
        return USAGE;
      }
      long started = System.nanoTime();
      long deadline = started + timeout.toNanos();
      List<Future<Outcome>> waits = new ArrayList<>();
      for (DependencyCheck check : checks) {
        waits.add(waitFor(vertx, check, deadline, 1, INITIAL_DELAY_MILLIS, "", out));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> wait : waits) {
        outcomes.add(join(wait));
      }
      checks.forEach(check -> join(check.close()));
      List<Outcome> notReady = outcomes.stream().filter(outcome -> !outcome.ready()).toList();
      double seconds = (System.nanoTime() - started) / 1e9;
      if (notReady.isEmpty()) {
        out.printf(Locale.ROOT, "wait-for: all %d ready after %.1f s%n", outcomes.size(), seconds);
        out.flush();
        return 0;
      }
      err.printf(Locale.ROOT, "wait-for: timed out after %.1f s; %d of %d not ready:%n", seconds, notReady.size(), outcomes.size());
      for (Outcome outcome : notReady) {
        err.printf(Locale.ROOT, "  %s: %s (%d attempts)%n", outcome.target(), outcome.lastFailure(), outcome.attempts());
      }
      err.flush();
      return TIMED_OUT;
    } finally {
      out.flush();
      join(vertx.close());
    }
  }

  private Future<Outcome> waitFor(Vertx vertx, DependencyCheck check, long deadlineNanos, int attempt, long delayMillis,
      String lastFailure, PrintWriter out) {
    // No attempt may outlive the overall deadline, whatever its own timeout.
    long attemptBudgetMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    return check.check().timeout(attemptBudgetMillis, TimeUnit.MILLISECONDS).transform(result -> {
      if (result.succeeded()) {
        synchronized (out) {
          out.printf("wait-for: %s ready (attempt %d)%n", check.target(), attempt);
          out.flush();
        }
        return Future.succeededFuture(new Outcome(check.target(), true, attempt, ""));
      }
      String failure = ProbeFailure.classify(result.cause()).toString();
      long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
      if (remainingMillis <= 0) {
        return Future.succeededFuture(new Outcome(check.target(), false, attempt, failure));
      }
      long delay = Math.min(delayMillis, remainingMillis);
      synchronized (out) {
        out.printf("wait-for: %s not ready (attempt %d): %s; retrying in %d ms%n", check.target(), attempt, failure, delay);
        out.flush();
      }
      Promise<Outcome> next = Promise.promise();
      vertx.setTimer(Math.max(1, delay), id -> waitFor(vertx, check, deadlineNanos, attempt + 1,
          Math.min(MAX_DELAY_MILLIS, delayMillis * 2), failure, out).onComplete(next));
      return next.future();
    });
  }

  /** Blocks this (non-event-loop) thread until {@code future} completes; unlike await(), also on a worker. */
  private static <T> T join(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }

  private static DependencyCheck kafkaCheck(Vertx vertx, String servers, int timeoutMillis) {
    return new DependencyCheck() {
      @Override
      public Future<Void> check() {
        KafkaAdminClient admin = KafkaAdminClient.create(vertx, Map.of(
            "bootstrap.servers", servers,
            "request.timeout.ms", String.valueOf(timeoutMillis),
            "default.api.timeout.ms", String.valueOf(timeoutMillis),
            "socket.connection.setup.timeout.ms", String.valueOf(Math.min(timeoutMillis, 10_000)),
            "reconnect.backoff.max.ms", "1000"));
        return admin.describeCluster()
            .<Void>map(cluster -> {
              if (cluster.getNodes().isEmpty()) {
                throw new ProbeFailure(ProbeFailure.Reason.NOT_READY, "the cluster has no live brokers");
              }
              return null;
            })
            .recover(failure -> Future.failedFuture(ProbeFailure.classify(failure)))
            .eventually(admin::close);
      }

      @Override
      public String target() {
        return "kafka " + servers;
      }
    };
  }

  /** Reads 180s, 3m, 500ms, 1h, 2d, a bare number of seconds, or ISO-8601 (PT3M). */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String text = value.trim().toLowerCase(Locale.ROOT);
      if (text.startsWith("pt")) {
        return Duration.parse(text.toUpperCase(Locale.ROOT));
      }
      boolean bareSeconds = !text.isEmpty() && text.chars().allMatch(Character::isDigit);
      long millis = Durations.parseMillis(bareSeconds ? text + "s" : text);
      if (millis < 0) {
        throw new IllegalArgumentException("expected a duration such as 180s, 3m or 500ms, got \"" + value + "\"");
      }
      return Duration.ofMillis(millis);
    }
  }
}
