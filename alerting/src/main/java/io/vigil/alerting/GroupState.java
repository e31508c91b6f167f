package io.vigil.alerting;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What one notification group has been told and when, as stored in the alert-groups topic, so a
 * restart or a new owner neither repeats nor forgets. Immutable: every change is a new state, so
 * the dispatcher saves a group exactly when its state is no longer equal to the stored one.
 *
 * @param firstPendingMillis when the group began its group wait, or -1 if it has not
 * @param lastSentMillis when the group was last notified, or -1 if never
 * @param sequence how many notifications the group has sent; part of each delivery id
 * @param notifiedFiring fingerprints of the firing alerts the last notification told of, sorted
 */
record GroupState(String key, String subscription, long firstPendingMillis, long lastSentMillis, long sequence,
    SortedSet<String> notifiedFiring) {

  GroupState {
    notifiedFiring = Collections.unmodifiableSortedSet(new TreeSet<>(notifiedFiring));
  }

  /** A group seen for the first time: not waiting yet, never notified. */
  static GroupState fresh(String key, String subscription) {
    return new GroupState(key, subscription, -1, -1, 0, new TreeSet<>());
  }

  boolean notified() {
    return lastSentMillis >= 0;
  }

  GroupState waitingSince(long nowMillis) {
    return new GroupState(key, subscription, nowMillis, lastSentMillis, sequence, notifiedFiring);
  }

  /** The state after a notification at {@code nowMillis} that told of exactly {@code firing}. */
  GroupState sent(long nowMillis, Collection<String> firing) {
    return new GroupState(key, subscription, firstPendingMillis, nowMillis, sequence + 1, new TreeSet<>(firing));
  }

  /** The state with the matching fingerprints no longer counted as notified. */
  GroupState forgetting(Predicate<String> fingerprints) {
    SortedSet<String> kept = new TreeSet<>(notifiedFiring);
    kept.removeIf(fingerprints);
    return kept.size() == notifiedFiring.size() ? this
        : new GroupState(key, subscription, firstPendingMillis, lastSentMillis, sequence, kept);
  }

  JsonObject toJson() {
    return new JsonObject().put("key", key).put("subscription", subscription).put("firstPendingMillis", firstPendingMillis)
        .put("lastSentMillis", lastSentMillis).put("sequence", sequence).put("notifiedFiring", new JsonArray(new ArrayList<>(notifiedFiring)));
  }

  static GroupState fromJson(JsonObject json) {
    SortedSet<String> notified = new TreeSet<>();
    json.getJsonArray("notifiedFiring", new JsonArray()).forEach(item -> notified.add((String) item));
    return new GroupState(json.getString("key"), json.getString("subscription"), json.getLong("firstPendingMillis", -1L),
        json.getLong("lastSentMillis", -1L), json.getLong("sequence", 0L), notified);
  }
}
