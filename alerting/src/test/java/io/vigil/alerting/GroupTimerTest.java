package io.vigil.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vigil.testing.ManualClock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Group wait, group interval and repeat interval over one group's state, driven by a hand-advanced clock. */
class GroupTimerTest {

  private static final long WAIT = 10_000;
  private static final long INTERVAL = 60_000;
  private static final long REPEAT = 4 * 3_600_000;

  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final GroupTimer timer = new GroupTimer(WAIT, INTERVAL, REPEAT);

  private GroupState observed(GroupState state) {
    return timer.observed(state, clock.millis());
  }

  private boolean due(GroupState state, boolean news, boolean repeatable) {
    return timer.due(state, news, repeatable, clock.millis());
  }

  @Test
  void aNewGroupWaitsGroupWaitFromWhenItWasFirstSeen() {
    GroupState fresh = GroupState.fresh("ops:{service=\"api\"}", "ops");
    assertThat(timer.dueAtMillis(fresh, true, true)).as("not observed yet: never").isEqualTo(GroupTimer.NEVER);
    long firstSeen = clock.millis();
    GroupState waiting = observed(fresh);
    assertThat(waiting.firstPendingMillis()).isEqualTo(firstSeen);
    assertThat(due(waiting, true, true)).isFalse();

    clock.advanceMillis(WAIT - 1);
    assertThat(observed(waiting)).as("observing again does not restart the wait").isEqualTo(waiting);
    assertThat(due(waiting, true, true)).isFalse();
    clock.advanceMillis(1);
    assertThat(due(waiting, true, true)).isTrue();
    assertThat(timer.dueAtMillis(waiting, false, false)).as("the first notification ignores news and acks").isEqualTo(firstSeen + WAIT);
  }

  @Test
  void newsWaitsGroupIntervalAfterTheLastNotification() {
    GroupState sent = observed(GroupState.fresh("g", "ops")).sent(clock.millis(), Set.of("a"));
    clock.advanceMillis(INTERVAL - 1);
    assertThat(due(sent, true, true)).isFalse();
    clock.advanceMillis(1);
    assertThat(due(sent, true, true)).isTrue();
    assertThat(due(sent, false, true)).as("without news it waits for the repeat").isFalse();
  }

  @Test
  void anUnchangedGroupRepeatsOnlyWhileSomethingFiresUnacknowledged() {
    long sentAt = clock.millis();
    GroupState sent = observed(GroupState.fresh("g", "ops")).sent(sentAt, Set.of("a"));
    clock.advanceMillis(REPEAT - 1);
    assertThat(due(sent, false, true)).isFalse();
    clock.advanceMillis(1);
    assertThat(due(sent, false, true)).isTrue();
    assertThat(timer.dueAtMillis(sent, false, false)).as("all acknowledged, or nothing firing").isEqualTo(GroupTimer.NEVER);
    clock.advanceSeconds(30 * 86_400);
    assertThat(due(sent, false, false)).isFalse();
  }

  @Test
  void sendingCountsTheSequenceAndRemembersExactlyWhatItToldOf() {
    GroupState waiting = observed(GroupState.fresh("g", "ops"));
    clock.advanceMillis(WAIT);
    GroupState first = waiting.sent(clock.millis(), List.of("b", "a"));
    assertThat(first.sequence()).isEqualTo(1);
    assertThat(first.lastSentMillis()).isEqualTo(clock.millis());
    assertThat(first.notifiedFiring()).containsExactly("a", "b");
    clock.advanceMillis(INTERVAL);
    GroupState second = first.sent(clock.millis(), List.of("c"));
    assertThat(second.sequence()).isEqualTo(2);
    assertThat(second.notifiedFiring()).containsExactly("c");
    assertThat(first.notifiedFiring()).as("the earlier state is unchanged").containsExactly("a", "b");
  }

  @Test
  void forgettingOnlyWhatMatchesKeepsTheStateEqualWhenNothingMatches() {
    GroupState sent = observed(GroupState.fresh("g", "ops")).sent(clock.millis(), Set.of("a", "b"));
    assertThat(sent.forgetting("z"::equals)).isEqualTo(sent);
    GroupState forgot = sent.forgetting("a"::equals);
    assertThat(forgot.notifiedFiring()).containsExactly("b");
    assertThat(forgot).isNotEqualTo(sent);
  }

  @Test
  void aStoredStateReadsBackEqual() {
    GroupState sent = observed(GroupState.fresh("ops:{service=\"api\"}", "ops")).sent(clock.millis(), Set.of("b", "a"));
    JsonObject stored = new JsonObject(sent.toJson().encode());
    assertThat(GroupState.fromJson(stored)).isEqualTo(sent);
    assertThat(stored.getJsonArray("notifiedFiring").encode()).isEqualTo("[\"a\",\"b\"]");
    assertThat(GroupState.fromJson(new JsonObject().put("key", "g").put("subscription", "ops")))
        .as("fields missing from an older record default to a fresh group").isEqualTo(GroupState.fresh("g", "ops"));
  }
}
