package io.vigil.alerting;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 *   <li>A new group waits {@code groupWait}, so alerts arriving together leave together.
 *   <li>A notified group sends changes (a new firing alert, or a resolved one if sendResolved) no
 *       sooner than {@code groupInterval} after its last notification.
 *   <li>An unchanged group with firing alerts repeats after {@code repeatInterval}, unless every
 *       firing alert of it is acknowledged.
 *   <li>A muted alert is forgotten as notified, so when its silence ends it is notified again.
 *   <li>A silence longer than the reminder minimum sends one reminder before it ends.
 * </ul>
 * With several processes each notifies the groups whose keys it owns, over every process's alerts.
 * Time comes only from the injected clock. Not thread-safe: one owner.
 */
public final class AlertDispatcher {

  /** What one group has been told; persisted so a restart neither repeats nor forgets. */
  public static final class GroupState {
    final String key;
    final String subscription;
    long firstPendingMillis = -1;
    long lastSentMillis = -1;
    long sequence;
    final Set<String> notifiedFiring = new TreeSet<>();

    GroupState(String key, String subscription) {
      this.key = key;
      this.subscription = subscription;
    }

    public String key() {
      return key;
    }

    public JsonObject toJson() {
      return new JsonObject().put("key", key).put("subscription", subscription).put("firstPendingMillis", firstPendingMillis)
          .put("lastSentMillis", lastSentMillis).put("sequence", sequence).put("notifiedFiring", new JsonArray(new ArrayList<>(notifiedFiring)));
    }

    public static GroupState fromJson(JsonObject json) {
      GroupState state = new GroupState(json.getString("key"), json.getString("subscription"));
      state.firstPendingMillis = json.getLong("firstPendingMillis", -1L);
      state.lastSentMillis = json.getLong("lastSentMillis", -1L);
      state.sequence = json.getLong("sequence", 0L);
      json.getJsonArray("notifiedFiring", new JsonArray()).forEach(item -> state.notifiedFiring.add((String) item));
      return state;
    }
  }

  /** What a tick decided: notifications to write, group states to save or delete, silences reminded. */
  public record Output(List<Notification> notifications, List<GroupState> savedGroups, List<String> removedGroups, List<Silence> remindedSilences) {
    public boolean isEmpty() {
      return notifications.isEmpty() && savedGroups.isEmpty() && removedGroups.isEmpty() && remindedSilences.isEmpty();
    }
  }

  private final Clock clock;
  private final List<InhibitRule> inhibitRules;
  private final long reminderBeforeMillis;
  private final long reminderMinMillis;
  private final Map<String, GroupState> groups = new HashMap<>();

  public AlertDispatcher(Clock clock, List<InhibitRule> inhibitRules, long reminderBeforeMillis, long reminderMinMillis) {
    this.clock = clock;
    this.inhibitRules = List.copyOf(inhibitRules);
    this.reminderBeforeMillis = reminderBeforeMillis;
    this.reminderMinMillis = reminderMinMillis;
  }

  public void restore(GroupState state) {
    groups.put(state.key, state);
  }

  /**
   * Takes over a stored group state, with its timing and what it was told, when this process comes
   * to own the group's key; a group already held here keeps its own state.
   */
  public void adopt(GroupState stored) {
    groups.putIfAbsent(stored.key, stored);
  }

  /**
   * Forgets, without saving or deleting anything, the groups whose keys match (they are now another
   * process's to notify).
   */
  public void release(Predicate<String> keys) {
    groups.keySet().removeIf(keys);
  }

  /** The key under which a silence's reminder is sent; its owner sends the reminder. */
  public static String reminderKey(Silence silence) {
    return "silence/" + silence.id();
  }

  public static String groupKey(Subscription subscription, SortedMap<String, String> groupLabels) {
    StringBuilder key = new StringBuilder(subscription.name()).append(":{");
    boolean first = true;
    for (Map.Entry<String, String> label : groupLabels.entrySet()) {
      key.append(first ? "" : ",").append(label.getKey()).append("=\"").append(label.getValue()).append('"');
      first = false;
    }
    return key.append('}').toString();
  }

  public boolean silenced(Alert alert, Collection<Silence> silences, long nowMillis) {
    return alert.firing() && silences.stream().anyMatch(silence -> silence.activeAt(nowMillis) && silence.matches(alert.labels()));
  }

  public boolean inhibited(Alert alert, Collection<Alert> alerts) {
    return alert.firing() && inhibitRules.stream().anyMatch(rule -> rule.inhibits(alerts, alert));
  }

  /** The API state of an alert: firing, resolved, silenced or inhibited. */
  public String stateOf(Alert alert, Collection<Alert> alerts, Collection<Silence> silences) {
    if (!alert.firing()) {
      return "resolved";
    }
    if (silenced(alert, silences, clock.millis())) {
      return "silenced";
    }
    return inhibited(alert, alerts) ? "inhibited" : "firing";
  }

  /** A tick of a process that owns every group (a single process). */
  public Output tick(Collection<Alert> alerts, Collection<Subscription> subscriptions, Collection<Silence> silences) {
    return tick(alerts, subscriptions, silences, key -> true);
  }

  /**
   * Notifies the groups whose keys this process owns, and reminds of the silences whose
   * {@link #reminderKey reminder keys} it owns. {@code alerts} are every process's alerts: a group
   * gathers its members wherever they are evaluated, and inhibition sees every source alert.
   */
  public Output tick(Collection<Alert> alerts, Collection<Subscription> subscriptions, Collection<Silence> silences,
      Predicate<String> ownsKey) {
    long now = clock.millis();
    Set<String> muted = new HashSet<>();
    for (Alert alert : alerts) {
      if (silenced(alert, silences, now) || inhibited(alert, alerts)) {
        muted.add(alert.fingerprint());
      }
    }
    Map<String, Subscription> subscriptionOfGroup = new LinkedHashMap<>();
    Map<String, List<Alert>> members = new LinkedHashMap<>();
    Map<String, SortedMap<String, String>> labelsOfGroup = new HashMap<>();
    for (Subscription subscription : subscriptions) {
      for (Alert alert : alerts) {
        if (subscription.matches(alert)) {
          SortedMap<String, String> groupLabels = subscription.groupLabels(alert);
          String key = groupKey(subscription, groupLabels);
          if (!ownsKey.test(key)) {
            continue;
          }
          subscriptionOfGroup.put(key, subscription);
          labelsOfGroup.put(key, groupLabels);
          members.computeIfAbsent(key, k -> new ArrayList<>()).add(alert);
        }
      }
    }

    List<Notification> notifications = new ArrayList<>();
    List<GroupState> saved = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (Iterator<GroupState> iterator = groups.values().iterator(); iterator.hasNext(); ) {
      GroupState state = iterator.next();
      if (!members.containsKey(state.key)) {
        iterator.remove();
        removed.add(state.key);
      }
    }
    for (Map.Entry<String, List<Alert>> group : members.entrySet()) {
      String key = group.getKey();
      Subscription subscription = subscriptionOfGroup.get(key);
      GroupState state = groups.get(key);
      boolean changed = false;
      List<Alert> firing = new ArrayList<>();
      List<Alert> resolved = new ArrayList<>();
      Set<String> present = new HashSet<>();
      for (Alert alert : group.getValue()) {
        present.add(alert.fingerprint());
        if (alert.firing() && !muted.contains(alert.fingerprint())) {
          firing.add(alert);
        } else if (!alert.firing() && subscription.sendResolved() && state != null && state.notifiedFiring.contains(alert.fingerprint())) {
          resolved.add(alert);
        }
      }
      if (firing.isEmpty() && resolved.isEmpty()) {
        if (state != null) {
          groups.remove(key);
          removed.add(key);
        }
        continue;
      }
      if (state == null) {
        state = new GroupState(key, subscription.name());
        groups.put(key, state);
        changed = true;
      }
      // Muted or vanished alerts count as not notified, so they are notified again when they return.
      changed |= state.notifiedFiring.removeIf(fingerprint -> muted.contains(fingerprint) || !present.contains(fingerprint));
      Set<String> firingPrints = new TreeSet<>();
      firing.forEach(alert -> firingPrints.add(alert.fingerprint()));
      boolean needsUpdate = !state.notifiedFiring.containsAll(firingPrints) || !resolved.isEmpty();
      boolean send;
      if (state.lastSentMillis < 0) {
        if (state.firstPendingMillis < 0) {
          state.firstPendingMillis = now;
          changed = true;
        }
        send = now >= state.firstPendingMillis + subscription.groupWaitMillis();
      } else if (needsUpdate) {
        send = now >= state.lastSentMillis + subscription.groupIntervalMillis();
      } else {
        send = !firing.isEmpty() && !firing.stream().allMatch(Alert::acknowledged)
            && now >= state.lastSentMillis + subscription.repeatIntervalMillis();
      }
      if (send) {
        state.sequence++;
        state.lastSentMillis = now;
        state.notifiedFiring.clear();
        state.notifiedFiring.addAll(firingPrints);
        List<Alert> included = new ArrayList<>(firing);
        included.addAll(resolved);
        notifications.add(notification(subscription, state, labelsOfGroup.get(key), included, firing.isEmpty() ? "resolved" : "firing", null, now));
        changed = true;
      }
      if (changed) {
        saved.add(state);
      }
    }
    List<Silence> ownSilences = silences.stream().filter(silence -> ownsKey.test(reminderKey(silence))).toList();
    return new Output(notifications, saved, removed, reminders(alerts, subscriptions, ownSilences, now, notifications));
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
          GroupState reminder = new GroupState(subscription.name() + ":" + reminderKey(silence), subscription.name());
          reminder.sequence = 1;
          notifications.add(notification(subscription, reminder, new TreeMap<>(), covered, "firing", silence, now));
        }
      }
    }
    return reminded;
  }

  private static Notification notification(Subscription subscription, GroupState state, SortedMap<String, String> groupLabels,
      List<Alert> alerts, String status, Silence reminderOf, long now) {
    String deliveryId = "d-" + Alert.sha256Hex(state.key + "|" + state.sequence + "|" + now).substring(0, 24);
    JsonArray alertArray = new JsonArray();
    for (Alert alert : alerts) {
      JsonObject full = alert.toJson();
      alertArray.add(new JsonObject()
          .put("id", alert.id())
          .put("fingerprint", alert.fingerprint())
          .put("status", alert.status())
          .put("labels", full.getJsonObject("labels"))
          .put("annotations", full.getJsonObject("annotations"))
          .put("startsAt", full.getString("startsAt"))
          .put("endsAt", full.getString("endsAt"))
          .put("anomalies", full.getJsonArray("anomalies")));
    }
    JsonObject body = new JsonObject()
        .put("version", "1")
        .put("deliveryId", deliveryId)
        .put("groupKey", state.key)
        .put("status", status)
        .put("receiver", subscription.name())
        .put("groupLabels", new JsonObject(new TreeMap<String, Object>(groupLabels)))
        .put("commonLabels", new JsonObject(new TreeMap<String, Object>(commonLabels(alerts))))
        .put("alerts", alertArray);
    if (reminderOf != null) {
      body.put("reminder", new JsonObject().put("silenceId", reminderOf.id()).put("endsAt", reminderOf.toJson().getString("endsAt"))
          .put("comment", reminderOf.comment()));
    }
    return new Notification(deliveryId, subscription.name(), subscription.receiver(), state.key, status, now, body.encode());
  }

  private static Map<String, String> commonLabels(List<Alert> alerts) {
    Map<String, String> common = new TreeMap<>(alerts.get(0).labels());
    for (Alert alert : alerts) {
      common.entrySet().removeIf(entry -> !Objects.equals(alert.labels().get(entry.getKey()), entry.getValue()));
    }
    return common;
  }
}
