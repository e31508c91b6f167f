package io.vigil.alerting;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vigil.model.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting stage's tick and commit: on every tick the evaluator resolves recovered alerts and
 * labels firing ones with the insight they now belong to, the dispatcher decides what to notify,
 * and the input offsets (anomalies and commands) consumed before the tick began are committed only
 * once everything the tick wrote is acknowledged. The
 * writes are ordered so a crash repeats rather than loses: notifications reach the outbox before
 * the group states that record them as sent. One tick at a time, none while rebalancing. Not
 * thread-safe: the verticle's event loop owns it.
 */
final class TickLoop {

  private static final Logger LOG = LoggerFactory.getLogger(TickLoop.class);

  /** Commits consumer offsets: the alerting consumer's commit in the verticle. */
  interface Committer {
    Future<Void> commit(Map<TopicPartition, OffsetAndMetadata> offsets);
  }

  private final AlertEvaluator evaluator;
  private final AlertDispatcher dispatcher;
  private final AlertingViews views;
  private final PartitionOwnership ownership;
  private final RecordWriter writer;
  private final Committer committer;
  /** Per partition read, the offset after the last record applied. */
  private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
  private boolean ticking;

  TickLoop(AlertEvaluator evaluator, AlertDispatcher dispatcher, AlertingViews views, PartitionOwnership ownership,
      RecordWriter writer, Committer committer) {
    this.evaluator = evaluator;
    this.dispatcher = dispatcher;
    this.views = views;
    this.ownership = ownership;
    this.writer = writer;
    this.committer = committer;
  }

  /** A record at {@code offset} of {@code partition} has been applied. */
  void applied(TopicPartition partition, long offset) {
    nextOffsets.put(partition, offset + 1);
  }

  /** Forgets revoked partitions' offsets (after {@link #commit()}): their next owner commits them. */
  void forget(Collection<TopicPartition> revoked) {
    revoked.forEach(nextOffsets::remove);
  }

  /** Whether a tick is in progress; it commits its own offsets when it ends. */
  boolean ticking() {
    return ticking;
  }

  /** Commits the offsets applied so far, after everything written before is acknowledged. */
  Future<Void> commit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = capturedOffsets();
    if (offsets.isEmpty()) {
      return Future.succeededFuture();
    }
    return writer.flush().compose(flushed -> committer.commit(offsets));
  }

  /**
   * Runs one tick unless one is in progress or a rebalance is; completes when its writes and its
   * commit are done (a failure is logged and retried by the next tick).
   */
  Future<Void> tick() {
    if (ticking || ownership.rebalancing()) {
      return Future.succeededFuture();
    }
    ticking = true;
    Map<TopicPartition, OffsetAndMetadata> offsets = capturedOffsets();
    evaluator.tick().forEach(alert -> writer.send(Topics.ALERTS, alert.fingerprint(), alert.toJson()));
    evaluator.joinInsights(views.insights()::insightOf).forEach(alert -> writer.send(Topics.ALERTS, alert.fingerprint(), alert.toJson()));
    evaluator.drainForgotten().forEach(fingerprint -> writer.send(Topics.ALERTS, fingerprint, null));
    AlertDispatcher.Output output = dispatcher.tick(everyAlert(), views.subscriptions(), views.silences(), ownership::owns);
    List<Future<Void>> outbox = new ArrayList<>();
    for (Notification notification : output.notifications()) {
      outbox.add(writer.send(Topics.OUTBOX, notification.groupKey(), notification.toJson()));
    }
    // Group state is saved only once its notifications are in the outbox: a crash in between sends
    // a notification twice rather than never.
    return Future.all(outbox).compose(written -> {
      List<Future<Void>> state = new ArrayList<>();
      output.savedGroups().forEach(group -> state.add(writer.send(Topics.ALERT_GROUPS, group.key(), group.toJson())));
      output.removedGroups().forEach(key -> state.add(writer.send(Topics.ALERT_GROUPS, key, (JsonObject) null)));
      for (Silence silence : output.remindedSilences()) {
        views.putSilence(silence);
        state.add(writer.send(Topics.SILENCES, silence.id(), silence.toJson()));
      }
      return Future.all(state);
    }).compose(saved -> writer.flush())
        .compose(flushed -> offsets.isEmpty() ? Future.<Void>succeededFuture() : committer.commit(offsets))
        .onComplete(done -> {
          ticking = false;
          if (done.failed()) {
            LOG.warn("alerting: tick failed, will retry: {}", done.cause().getMessage());
          }
          if (!output.notifications().isEmpty()) {
            LOG.info("alerting: {} notification(s) written to the outbox", output.notifications().size());
          }
        });
  }

  /**
   * The alerts this process evaluates, as they stand now, and every other process's as last read
   * from the alerts topic: the members of the groups this process notifies, wherever they live.
   */
  private List<Alert> everyAlert() {
    List<Alert> alerts = new ArrayList<>(evaluator.alerts());
    views.alerts().alerts().stream().filter(alert -> !ownership.owns(alert.seriesId())).forEach(alerts::add);
    return alerts;
  }

  private Map<TopicPartition, OffsetAndMetadata> capturedOffsets() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    nextOffsets.forEach((partition, next) -> offsets.put(partition, new OffsetAndMetadata(next, "")));
    return offsets;
  }
}
