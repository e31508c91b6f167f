package io.vigil.alerting;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Alertmanager's notification pipeline over the current alerts, evaluated on every tick: route to
 * the subscriptions that match, mute inhibited and silenced alerts, group by the subscription's
 * labels, and decide per group whether to notify now.
 *
 * <ul>
 *   <li>When a group is due (group wait, group interval, repeat interval) is {@link GroupTimer}'s
 *       decision over the group's immutable {@link GroupState}; a resolved alert is news only if
 *       the subscription has sendResolved.
 *   <li>A muted alert is forgotten as notified, so when its silence ends it is notified again.
 *   <li>A silence longer than the reminder minimum sends one reminder before it ends.
 *   <li>A subscription that groups by {@code insight} holds a firing alert that has no insight
 *       label yet for up to the insight wait after this dispatcher first sees it, so the alert
 *       joins its incident's group instead of paging alone just before the insight opens.
 * </ul>
 * With several processes each notifies the groups whose keys it owns, over every process's alerts.
 * Time comes only from the injected clock. Not thread-safe: one owner.
 */
final class AlertDispatcher {

  /** What a tick decided: notifications to write, group states to save or delete, silences reminded. */
  record Output(List<Notification> notifications, List<GroupState> savedGroups, List<String> removedGroups, List<Silence> remindedSilences) {
    public boolean isEmpty() {
      return notifications.isEmpty() && savedGroups.isEmpty() && removedGroups.isEmpty() && remindedSilences.isEmpty();
    }
  }

  private final Clock clock;
  private final List<InhibitRule> inhibitRules;
  private final long reminderBeforeMillis;
  private final long reminderMinMillis;
  private final String externalUrl;
  private final long insightWaitMillis;
  private final Map<String, GroupState> groups = new HashMap<>();
  /** When this dispatcher first saw each firing alert that has no insight label yet, by fingerprint. */
  private final Map<String, Long> unlabelledSince = new HashMap<>();

  /**
   * @param externalUrl Vigil's own base URL, for the links in notification bodies
   * @param insightWaitMillis how long a subscription grouped by insight holds an alert without one
   */
  AlertDispatcher(Clock clock, List<InhibitRule> inhibitRules, long reminderBeforeMillis, long reminderMinMillis, String externalUrl,
      long insightWaitMillis) {
    this.clock = clock;
    this.insightWaitMillis = insightWaitMillis;
    this.externalUrl = externalUrl;
    this.inhibitRules = List.copyOf(inhibitRules);
    this.reminderBeforeMillis = reminderBeforeMillis;
    this.reminderMinMillis = reminderMinMillis;
  }

  void restore(GroupState state) {
    groups.put(state.key(), state);
  }

  /**
   * Takes over a stored group state, with its timing and what it was told, when this process comes
   * to own the group's key; a group already held here keeps its own state.
   */
  void adopt(GroupState stored) {
    groups.putIfAbsent(stored.key(), stored);
  }

  /**
   * Forgets, without saving or deleting anything, the groups whose keys match (they are now another
   * process's to notify).
   */
  void release(Predicate<String> keys) {
    groups.keySet().removeIf(keys);
  }

  /** The key under which a silence's reminder is sent; its owner sends the reminder. */
  static String reminderKey(Silence silence) {
    return "silence/" + silence.id();
  }

  static String groupKey(Subscription subscription, SortedMap<String, String> groupLabels) {
    StringBuilder key = new StringBuilder(subscription.name()).append(":{");
    boolean first = true;
    for (Map.Entry<String, String> label : groupLabels.entrySet()) {
      key.append(first ? "" : ",").append(label.getKey()).append("=\"").append(label.getValue()).append('"');
      first = false;
    }
    return key.append('}').toString();
  }

  boolean silenced(Alert alert, Collection<Silence> silences, long nowMillis) {
    return alert.firing() && silences.stream().anyMatch(silence -> silence.activeAt(nowMillis) && silence.matches(alert.labels()));
  }

  boolean inhibited(Alert alert, Collection<Alert> alerts) {
    return alert.firing() && inhibitRules.stream().anyMatch(rule -> rule.inhibits(alerts, alert));
  }

  /** The API state of an alert: firing, resolved, silenced or inhibited. */
  String stateOf(Alert alert, Collection<Alert> alerts, Collection<Silence> silences) {
    if (!alert.firing()) {
      return "resolved";
    }
    if (silenced(alert, silences, clock.millis())) {
      return "silenced";
    }
    return inhibited(alert, alerts) ? "inhibited" : "firing";
  }

  /** A tick of a process that owns every group (a single process). */
  Output tick(Collection<Alert> alerts, Collection<Subscription> subscriptions, Collection<Silence> silences) {
    return tick(alerts, subscriptions, silences, key -> true);
  }

  /**
   * Notifies the groups whose keys this process owns, and reminds of the silences whose
   * {@link #reminderKey reminder keys} it owns. {@code alerts} are every process's alerts: a group
   * gathers its members wherever they are evaluated, and inhibition sees every source alert.
   */
  Output tick(Collection<Alert> alerts, Collection<Subscription> subscriptions, Collection<Silence> silences,
      Predicate<String> ownsKey) {
    long now = clock.millis();
    Set<String> muted = new HashSet<>();
    for (Alert alert : alerts) {
      if (silenced(alert, silences, now) || inhibited(alert, alerts)) {
        muted.add(alert.fingerprint());
      }
    }
    Map<String, Group> owned = route(alerts, subscriptions, ownsKey, awaitingInsight(alerts, now));

    List<Notification> notifications = new ArrayList<>();
    List<GroupState> saved = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (Iterator<GroupState> iterator = groups.values().iterator(); iterator.hasNext(); ) {
      GroupState state = iterator.next();
      if (!owned.containsKey(state.key())) {
        iterator.remove();
        removed.add(state.key());
      }
    }
    for (Group group : owned.values()) {
      GroupState stored = groups.get(group.key());
      GroupState state = notifyIfDue(group, stored, muted, now, notifications);
      if (state == null) {
        if (stored != null) {
          groups.remove(group.key());
          removed.add(group.key());
        }
      } else if (!state.equals(stored)) {
        groups.put(group.key(), state);
        saved.add(state);
      }
    }
    List<Silence> ownSilences = silences.stream().filter(silence -> ownsKey.test(reminderKey(silence))).toList();
    return new Output(notifications, saved, removed, reminders(alerts, subscriptions, ownSilences, now, notifications));
  }

  /** A notification group this process owns: its subscription, its labels and its alerts, in routing order. */
  private record Group(String key, Subscription subscription, SortedMap<String, String> labels, List<Alert> members) {}

  /** The fingerprints of the firing alerts without an insight that are still inside the insight wait. */
  private Set<String> awaitingInsight(Collection<Alert> alerts, long now) {
    Set<String> unlabelled = new HashSet<>();
    for (Alert alert : alerts) {
      if (alert.firing() && !alert.labels().containsKey(InsightIndex.LABEL)) {
        unlabelled.add(alert.fingerprint());
        unlabelledSince.putIfAbsent(alert.fingerprint(), now);
      }
    }
    unlabelledSince.keySet().retainAll(unlabelled);
    Set<String> waiting = new HashSet<>();
    unlabelledSince.forEach((fingerprint, since) -> {
      if (now - since < insightWaitMillis) {
        waiting.add(fingerprint);
      }
    });
    return waiting;
  }

  /**
   * Routes every alert to the subscriptions it matches and groups it by their labels, keeping the
   * owned groups; an alert awaiting its insight is left out of subscriptions grouped by insight.
   */
  private static Map<String, Group> route(Collection<Alert> alerts, Collection<Subscription> subscriptions, Predicate<String> ownsKey,
      Set<String> awaitingInsight) {
    Map<String, Group> owned = new LinkedHashMap<>();
    for (Subscription subscription : subscriptions) {
      boolean byInsight = subscription.groupsBy(InsightIndex.LABEL);
      for (Alert alert : alerts) {
        if (byInsight && awaitingInsight.contains(alert.fingerprint())) {
          continue;
        }
        if (subscription.matches(alert)) {
          SortedMap<String, String> groupLabels = subscription.groupLabels(alert);
          String key = groupKey(subscription, groupLabels);
          if (ownsKey.test(key)) {
            owned.computeIfAbsent(key, k -> new Group(k, subscription, groupLabels, new ArrayList<>())).members().add(alert);
          }
        }
      }
    }
    return owned;
  }

  /**
   * The group's next state, after notifying it (added to {@code notifications}) if its timer says it
   * is due; null when it has nothing to tell any more.
   */
  private GroupState notifyIfDue(Group group, GroupState stored, Set<String> muted, long now, List<Notification> notifications) {
    Subscription subscription = group.subscription();
    List<Alert> firing = new ArrayList<>();
    List<Alert> resolved = new ArrayList<>();
    Set<String> present = new HashSet<>();
    for (Alert alert : group.members()) {
      present.add(alert.fingerprint());
      if (alert.firing() && !muted.contains(alert.fingerprint())) {
        firing.add(alert);
      } else if (!alert.firing() && subscription.sendResolved() && stored != null && stored.notifiedFiring().contains(alert.fingerprint())) {
        resolved.add(alert);
      }
    }
    if (firing.isEmpty() && resolved.isEmpty()) {
      return null;
    }
    // Muted or vanished alerts count as not notified, so they are notified again when they return.
    GroupState state = (stored == null ? GroupState.fresh(group.key(), subscription.name()) : stored)
        .forgetting(fingerprint -> muted.contains(fingerprint) || !present.contains(fingerprint));
    Set<String> firingPrints = new TreeSet<>();
    firing.forEach(alert -> firingPrints.add(alert.fingerprint()));
    boolean news = !state.notifiedFiring().containsAll(firingPrints) || !resolved.isEmpty();
    // An Alertmanager forgets an alert that is not posted again before its end, so it is re-posted
    // while firing, acknowledged or not.
    boolean keepAlive = AlertmanagerPayload.RECEIVER_TYPE.equals(subscription.receiver().getString("type"));
    boolean repeatable = !firing.isEmpty() && (keepAlive || !firing.stream().allMatch(Alert::acknowledged));
    GroupTimer timer = GroupTimer.of(subscription);
    state = timer.observed(state, now);
    if (timer.due(state, news, repeatable, now)) {
      state = state.sent(now, firingPrints);
      List<Alert> included = new ArrayList<>(firing);
      included.addAll(resolved);
      notifications.add(Notification.of(subscription, state.key(), state.sequence(), group.labels(), included,
          firing.isEmpty() ? "resolved" : "firing", null, now, externalUrl));
    }
    return state;
  }

  private List<Silence> reminders(Collection<Alert> alerts, Collection<Subscription> subscriptions, Collection<Silence> silences,
      long now, List<Notification> notifications) {
    List<Silence> reminded = new ArrayList<>();
    for (Silence silence : silences) {
      if (silence.reminded() || !silence.activeAt(now) || silence.endsAtMillis() - silence.startsAtMillis() < reminderMinMillis
          || now < silence.endsAtMillis() - reminderBeforeMillis) {
        continue;
      }
      reminded.add(silence.withReminded());
      for (Subscription subscription : subscriptions) {
        List<Alert> covered = alerts.stream()
            .filter(alert -> alert.firing() && silence.matches(alert.labels()) && subscription.matches(alert)).toList();
        if (!covered.isEmpty()) {
          notifications.add(Notification.of(subscription, subscription.name() + ":" + reminderKey(silence), 1, new TreeMap<>(), covered,
              "firing", silence, now, externalUrl));
        }
      }
    }
    return reminded;
  }
}
