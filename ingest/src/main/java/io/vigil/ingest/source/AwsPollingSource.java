package io.vigil.ingest.source;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vigil.config.AwsConfig;
import io.vigil.ingest.aws.AwsAccount;
import io.vigil.ingest.aws.AwsClients;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.cursor.TransactionalSourceWriter;
import io.vigil.kafka.lease.LeasedJob;
import io.vigil.model.Backoff;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkClient;

/**
 * A source verticle that polls one AWS account on a timer: it builds its SDK client, its
 * transactional writer and its cursors once, then every cycle discovers (when due) and collects,
 * and publishes the outcome on the status board, retrying a failed cycle after a jittered backoff.
 * Subclasses say what to discover and collect; all their state stays on this verticle's event loop.
 *
 * @param <C> the SDK client
 * @param <K> the cursor kept per item (query, log group)
 */
public abstract class AwsPollingSource<C extends SdkClient, K> extends VerticleBase {

  private static final long MAX_BACKOFF_MILLIS = 300_000;

  // Named after the subclass, so each source logs under its own class as before.
  private final Logger log = LoggerFactory.getLogger(getClass());

  private final String name;
  private final AwsConfig aws;
  private final AwsAccount account;
  private final BiFunction<AwsConfig, AwsAccount, C> clientFactory;
  private final Function<JsonObject, K> cursorReader;
  private final String cursorsLabel;
  private final KafkaEndpoint kafka;
  private final SourceStatusBoard board;
  private final Clock clock;
  private final long pollIntervalMillis;
  private final Backoff backoff;

  private WorkerExecutor worker;
  private C client;
  private TransactionalSourceWriter writer;
  private Map<String, K> cursors;
  private long nextDiscoveryMillis;
  private long newestEmittedMillis = -1;
  private long timerId = -1;
  private boolean stopped;
  private LeasedJob job;
  /** True while a cycle runs: losing the lease then lets the cycle finish before letting go. */
  private boolean cycling;
  private SourceStatus status;

  /**
   * @param kind the status kind ({@code cloudwatch-metrics}, ...)
   * @param clientFactory builds the SDK client; runs on a worker, as it may block
   * @param cursorReader reads one item's cursor as written to the cursor topic
   * @param cursorsLabel what the cursors are, for the log ({@code query cursors}, ...)
   */
  protected AwsPollingSource(String name, String kind, AwsConfig aws, AwsAccount account,
      BiFunction<AwsConfig, AwsAccount, C> clientFactory, Function<JsonObject, K> cursorReader, String cursorsLabel,
      KafkaEndpoint kafka, SourceStatusBoard board, Clock clock, int pollIntervalSeconds) {
    this.name = name;
    this.aws = aws;
    this.account = account;
    this.clientFactory = clientFactory;
    this.cursorReader = cursorReader;
    this.cursorsLabel = cursorsLabel;
    this.kafka = kafka;
    this.board = board;
    this.clock = clock;
    this.pollIntervalMillis = pollIntervalSeconds * 1000L;
    this.backoff = new Backoff(Math.min(5_000, pollIntervalMillis), MAX_BACKOFF_MILLIS, new SplittableRandom());
    this.status = SourceStatus.starting(name, kind);
  }

  /** Refreshes the items to collect; called on the first cycle and then when {@link #discoverAgainIn} says. */
  protected abstract Future<Void> discover();

  /** Reads and writes the new data of every item; a failure fails the whole cycle. */
  protected abstract Future<Void> collect();

  /** Why a cycle that worked was only partly healthy (shown as {@code degraded}), or null. */
  protected abstract String degradation();

  /** The source-specific part of the status. */
  protected abstract JsonObject details();

  /**
   * Asks for the source's lease: with several processes on one cluster, one of them polls each
   * source and the others stand by, taking over when it stops or dies.
   */
  @Override
  public final Future<?> start() {
    worker = vertx.createSharedWorkerExecutor("vigil-aws", 4);
    board.put(status);
    job = new LeasedJob(vertx, kafka, "source-" + name, name);
    // The first cycle runs once the lease is held, outside start(): an unreachable AWS must not fail deployment.
    return job.start(ignored -> schedule(0), ignored -> {
      vertx.cancelTimer(timerId);
      status = status.standby(clock.millis());
      board.put(status);
      if (!cycling) {
        letGo();
      }
    });
  }

  /**
   * Drops the writer and the cursors, so that holding the lease again starts from the cursors the
   * other holder committed, with a writer that fences that holder should it still be writing.
   */
  private void letGo() {
    cursors = null;
    writer = null;
    job.letGo();
  }

  @Override
  public final Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timerId);
    Future<Void> closed = job == null ? Future.succeededFuture() : job.close();
    return closed.eventually(() -> {
      if (client != null) {
        client.close();
      }
      worker.close();
      return Future.succeededFuture();
    });
  }

  protected final String name() {
    return name;
  }

  protected final AwsAccount account() {
    return account;
  }

  protected final Clock clock() {
    return clock;
  }

  protected final Backoff backoff() {
    return backoff;
  }

  protected final C client() {
    return client;
  }

  protected final TransactionalSourceWriter writer() {
    return writer;
  }

  /** Every item's cursor, by item; null until the first cycle has loaded them. */
  protected final Map<String, K> cursors() {
    return cursors;
  }

  protected final long nextDiscoveryMillis() {
    return nextDiscoveryMillis;
  }

  /** Makes the first cycle starting {@code delayMillis} from now discover again. */
  protected final void discoverAgainIn(long delayMillis) {
    nextDiscoveryMillis = clock.millis() + delayMillis;
  }

  /** Notes the timestamp of emitted data, for the lag on the status. */
  protected final void recordEmitted(long timestampMillis) {
    newestEmittedMillis = Math.max(newestEmittedMillis, timestampMillis);
  }

  /** Runs an SDK call on the {@code vigil-aws} pool and completes on this verticle's event loop. */
  protected final <T> Future<T> call(Supplier<CompletableFuture<T>> sdkCall) {
    return AwsClients.call(context, worker, sdkCall);
  }

  private void schedule(long delayMillis) {
    if (!stopped && job.held()) {
      timerId = vertx.setTimer(Math.max(1, delayMillis), id -> cycle());
    }
  }

  private void cycle() {
    long started = clock.millis();
    cycling = true;
    ready()
        .compose(ignored -> started >= nextDiscoveryMillis ? discover() : Future.succeededFuture())
        .compose(ignored -> collect())
        .onComplete(done -> {
          cycling = false;
          if (!job.held()) {
            // Lost during the cycle: what it wrote is committed or aborted; the new holder goes on from there.
            if (!stopped) {
              letGo();
            }
            return;
          }
          long now = clock.millis();
          if (done.succeeded()) {
            long lag = newestEmittedMillis < 0 ? -1 : now - newestEmittedMillis;
            String degradation = degradation();
            status = degradation == null
                ? status.succeeded(now, now + pollIntervalMillis, lag, details())
                : status.degraded(now, degradation, now + pollIntervalMillis, lag, details());
            board.put(status);
            schedule(pollIntervalMillis);
          } else {
            String error = AwsClients.describe(done.cause());
            long delay = backoff.delayMillis(status.consecutiveFailures() + 1);
            status = status.failed(now, error, delay);
            board.put(status);
            log.warn("{}: {}; retrying in {} ms", name, error, delay);
            schedule(delay);
          }
        });
  }

  /** Builds the client and opens the hold's writer and cursors, once; retried by the next cycle if it fails. */
  private Future<Void> ready() {
    if (cursors != null) {
      return Future.succeededFuture();
    }
    if (client == null) {
      // Building resolves the region chain, which may ask instance metadata: not on the event loop.
      return worker.executeBlocking(() -> clientFactory.apply(aws, account), false).compose(built -> {
        client = built;
        return ready();
      });
    }
    return job.session().map(session -> {
      Map<String, K> restored = new HashMap<>();
      session.cursors().forEach((item, json) -> restored.put(item, cursorReader.apply(json)));
      writer = session.writer();
      cursors = restored;
      log.info("{}: resuming {} {}", name, restored.size(), cursorsLabel);
      return null;
    });
  }
}
