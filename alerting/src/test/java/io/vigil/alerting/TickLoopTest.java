package io.vigil.alerting;

import static io.vigil.alerting.AlertingFixtures.anomaly;
import static io.vigil.alerting.AlertingFixtures.config;
import static io.vigil.alerting.AlertingFixtures.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vigil.model.Severity;
import io.vigil.model.Topics;
import io.vigil.testing.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order of a tick's writes and its commit, with a recording writer in place of Kafka. */
class TickLoopTest {

  private static final TopicPartition ANOMALIES_0 = new TopicPartition(Topics.ANOMALIES, 0);

  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final FeedbackLedger feedback = new FeedbackLedger(0.9, 0.02, 0.06);
  private final AlertingViews views = new AlertingViews(feedback);
  private final AlertEvaluator evaluator = new AlertEvaluator(config(1, 60, 300), clock, feedback::thresholdOf);
  private final AlertDispatcher dispatcher = new AlertDispatcher(clock, List.of(), 3_600_000, 86_400_000, "http://vigil.test:8080", 0);
  private final PartitionOwnership ownership = new PartitionOwnership(1);
  private final RecordingWriter writer = new RecordingWriter();
  private final List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();
  private final TickLoop loop = new TickLoop(evaluator, dispatcher, views, ownership, writer, offsets -> {
    writer.events.add("commit");
    commits.add(offsets);
    return Future.succeededFuture();
  });

  @BeforeEach
  void oneAlertDueAtOnce() {
    ownership.assigned(Set.of(0));
    views.putSubscription(subscription("""
        {"name":"now","receiver":{"type":"websocket"},"groupWait":"0s"}"""));
    evaluator.onAnomaly(anomaly("api", "CPUUtilization", clock.millis(), 0.99, Severity.CRITICAL)).orElseThrow();
    loop.applied(ANOMALIES_0, 41);
  }

  @Test
  void groupStateFollowsTheOutboxAndTheCommitFollowsEverything() {
    writer.hold(Topics.OUTBOX);
    Future<Void> tick = loop.tick();
    assertThat(writer.to(Topics.OUTBOX)).hasSize(1);
    assertThat(writer.to(Topics.ALERT_GROUPS)).as("not before the notification is in the outbox").isEmpty();
    assertThat(loop.ticking()).isTrue();
    loop.applied(ANOMALIES_0, 50);
    loop.tick();
    assertThat(writer.to(Topics.OUTBOX)).as("one tick at a time").hasSize(1);

    writer.release(Topics.OUTBOX);
    assertThat(tick.succeeded()).isTrue();
    assertThat(loop.ticking()).isFalse();
    assertThat(writer.to(Topics.ALERT_GROUPS)).singleElement().satisfies(group -> assertThat(group.key()).isEqualTo("now:{}"));
    assertThat(writer.events.subList(writer.events.indexOf("send " + Topics.OUTBOX), writer.events.size()))
        .containsExactly("send " + Topics.OUTBOX, "send " + Topics.ALERT_GROUPS, "flush", "commit");
    assertThat(commits).singleElement().satisfies(offsets ->
        assertThat(offsets.get(ANOMALIES_0).getOffset()).as("what was applied when the tick began").isEqualTo(42));
  }

  @Test
  void aFailedOutboxWriteSavesNoGroupStateAndCommitsNothing() {
    writer.fail(Topics.OUTBOX);
    Future<Void> tick = loop.tick();
    assertThat(tick.failed()).isTrue();
    assertThat(writer.to(Topics.ALERT_GROUPS)).isEmpty();
    assertThat(commits).isEmpty();
    assertThat(loop.ticking()).as("the next tick may run").isFalse();
  }

  @Test
  void nothingTicksWhileARebalanceIsUnderway() {
    ownership.revoked(Set.of(0));
    loop.tick();
    assertThat(writer.sent).isEmpty();
    assertThat(commits).isEmpty();
    ownership.assigned(Set.of(0));
    loop.tick();
    assertThat(writer.to(Topics.OUTBOX)).hasSize(1);
  }

  @Test
  void aCommitFlushesFirstAndRevokedPartitionsAreLeftToTheirNextOwner() {
    TopicPartition commands = new TopicPartition(Topics.ALERT_COMMANDS, 0);
    loop.applied(commands, 7);
    loop.commit();
    assertThat(writer.events).containsExactly("flush", "commit");
    assertThat(commits.get(0)).containsOnlyKeys(ANOMALIES_0, commands);
    loop.forget(Set.of(ANOMALIES_0, commands));
    loop.commit();
    assertThat(commits).as("nothing left to commit").hasSize(1);
  }
}
