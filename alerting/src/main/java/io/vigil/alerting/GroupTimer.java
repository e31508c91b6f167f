package io.vigil.alerting;

/**
 * When a notification group is due, with Alertmanager's three timers: a group never notified waits
 * {@code groupWait} from when it was first seen, so alerts arriving together leave together; a
 * notified group with news (an alert it has not told of, or a resolved one to tell) waits
 * {@code groupInterval} after its last notification; an unchanged group repeats after
 * {@code repeatInterval} while it has firing alerts not all acknowledged. Pure: time and the group's
 * {@link GroupState} come from the caller.
 */
final class GroupTimer {

  /** Never due. */
  static final long NEVER = Long.MAX_VALUE;

  private final long groupWaitMillis;
  private final long groupIntervalMillis;
  private final long repeatIntervalMillis;

  GroupTimer(long groupWaitMillis, long groupIntervalMillis, long repeatIntervalMillis) {
    this.groupWaitMillis = groupWaitMillis;
    this.groupIntervalMillis = groupIntervalMillis;
    this.repeatIntervalMillis = repeatIntervalMillis;
  }

  static GroupTimer of(Subscription subscription) {
    return new GroupTimer(subscription.groupWaitMillis(), subscription.groupIntervalMillis(), subscription.repeatIntervalMillis());
  }

  /** The state with its group wait started at {@code nowMillis} if it was never notified and is not waiting yet. */
  GroupState observed(GroupState state, long nowMillis) {
    return state.notified() || state.firstPendingMillis() >= 0 ? state : state.waitingSince(nowMillis);
  }

  /**
   * When an {@link #observed observed} group becomes due.
   *
   * @param news the group has a firing alert it has not told of, or a resolved alert to tell of
   * @param repeatable the group has firing alerts, not every one of them acknowledged
   */
  long dueAtMillis(GroupState state, boolean news, boolean repeatable) {
    if (!state.notified()) {
      return state.firstPendingMillis() < 0 ? NEVER : state.firstPendingMillis() + groupWaitMillis;
    }
    if (news) {
      return state.lastSentMillis() + groupIntervalMillis;
    }
    return repeatable ? state.lastSentMillis() + repeatIntervalMillis : NEVER;
  }

  boolean due(GroupState state, boolean news, boolean repeatable, long nowMillis) {
    return nowMillis >= dueAtMillis(state, news, repeatable);
  }
}
