package io.vigil.kafka.lease;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.cursor.SourceCursors;
import io.vigil.kafka.cursor.TransactionalSourceWriter;
import java.util.Map;

/**
 * A job that writes while its process holds the job's {@link KafkaLease}: the one sequence every
 * pulling source and the demo follow. Once the lease is held, {@link #session()} opens a
 * transactional writer (which fences any earlier holder still writing) and then loads the cursors
 * that holder committed; the job writes its data and cursors through that writer, in transactions.
 * When the lease is lost the job calls {@link #letGo()} as soon as no write is in flight, so that
 * holding the lease again starts from the cursors the other holder committed.
 *
 * <p>Used from the job verticle's event loop only.
 */
public final class LeasedJob {

  /** What a hold of the lease writes with: the fencing writer and the cursors it resumes from. */
  public record Session(TransactionalSourceWriter writer, Map<String, JsonObject> cursors) {}

  private final Vertx vertx;
  private final KafkaEndpoint kafka;
  private final String source;
  private final KafkaLease lease;
  private Session session;
  private TransactionalSourceWriter opening;

  /**
   * A job whose lease is {@code <prefix>-lease-<leaseName>} and whose cursors and transactional id
   * belong to {@code source}. Create it in the job verticle's {@code start}.
   */
  public LeasedJob(Vertx vertx, KafkaEndpoint kafka, String leaseName, String source) {
    this.vertx = vertx;
    this.kafka = kafka;
    this.source = source;
    this.lease = KafkaLease.create(vertx, kafka, leaseName);
  }

  /**
   * Asks for the lease; {@code acquired} runs each time this process comes to hold it, {@code lost}
   * each time it stops holding it. Deployment does not wait for the lease.
   */
  public Future<Void> start(Handler<Void> acquired, Handler<Void> lost) {
    lease.onAcquired(acquired).onLost(lost);
    return lease.start();
  }

  /** Whether this process holds the lease now. */
  public boolean held() {
    return lease.held();
  }

  /**
   * The writer and cursors of the current hold, opened on first use: the writer is initialised
   * (fencing an earlier holder) before the cursors are read, so the cursors are the last ones that
   * holder committed. A failure closes the writer; the next call tries again.
   */
  public Future<Session> session() {
    if (session != null) {
      return Future.succeededFuture(session);
    }
    TransactionalSourceWriter writer = TransactionalSourceWriter.create(vertx, kafka, source);
    opening = writer;
    return writer.init()
        .compose(ignored -> vertx.executeBlocking(() -> SourceCursors.load(kafka, source), false))
        .compose(cursors -> {
          if (opening != writer) {
            // Let go while opening: this hold is over, and its writer with it.
            return writer.close().transform(closed -> Future.<Session>failedFuture(
                new IllegalStateException(source + ": the lease was let go while its writer was opening")));
          }
          opening = null;
          session = new Session(writer, cursors);
          return Future.succeededFuture(session);
        }, failure -> {
          if (opening == writer) {
            opening = null;
          }
          return writer.close().transform(closed -> Future.<Session>failedFuture(failure));
        });
  }

  /** Ends the current hold's session: closes its writer and forgets its cursors. */
  public void letGo() {
    Session released = session;
    session = null;
    opening = null;
    if (released != null) {
      released.writer().close();
    }
  }

  /** Gives up the lease and closes the writer. */
  public Future<Void> close() {
    Session released = session;
    session = null;
    opening = null;
    return lease.close().eventually(() -> released == null ? Future.succeededFuture() : released.writer().close());
  }
}
