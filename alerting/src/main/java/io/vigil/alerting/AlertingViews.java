package io.vigil.alerting;

import io.vertx.core.json.JsonObject;
import io.vigil.model.Topics;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this process knows of the whole alerting stage, whoever wrote it: the subscriptions and
 * silences, every process's alerts ({@link AlertView}), every notification group's stored state, the
 * feedback and the open insights ({@link InsightIndex}). Restored from the compacted topics at start, then kept current by the records that
 * follow, read outside any consumer group; this process's own API writes are applied at once and
 * come back as records that change nothing. The evaluator and the dispatcher take the alerts and
 * group states of newly owned partitions from here. Not thread-safe: the verticle's event loop owns it.
 */
final class AlertingViews {

  private static final Logger LOG = LoggerFactory.getLogger(AlertingViews.class);

  /** The topics read back at start and followed after. */
  static final List<String> TOPICS =
      List.of(Topics.ALERTS, Topics.FEEDBACK, Topics.ALERT_GROUPS, Topics.SUBSCRIPTIONS, Topics.SILENCES, Topics.INSIGHTS);

  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  private final Map<String, Silence> silences = new LinkedHashMap<>();
  private final AlertView alerts = new AlertView();
  /** Every notification group state, as last written to the alert-groups topic by any process. */
  private final Map<String, JsonObject> groups = new HashMap<>();
  private final FeedbackLedger feedback;
  private final InsightIndex insights = new InsightIndex();

  AlertingViews(FeedbackLedger feedback) {
    this.feedback = feedback;
  }

  /** Loads the newest record of every key of {@link #TOPICS}, as read to the end at start. */
  void restore(Map<String, Map<String, JsonObject>> latestByTopic) {
    latestByTopic.get(Topics.SUBSCRIPTIONS).forEach(this::applySubscription);
    latestByTopic.get(Topics.SILENCES).forEach(this::applySilence);
    latestByTopic.get(Topics.FEEDBACK).values().forEach(feedback::add);
    latestByTopic.get(Topics.ALERTS).forEach(alerts::apply);
    groups.putAll(latestByTopic.get(Topics.ALERT_GROUPS));
    latestByTopic.getOrDefault(Topics.INSIGHTS, Map.of()).forEach(insights::apply);
    LOG.info("alerting: read {} subscriptions, {} silences, {} alerts, {} notification groups, {} open insights",
        subscriptions.size(), silences.size(), alerts.alerts().size(), groups.size(), insights.openCount());
  }

  /**
   * Applies one record that followed the start-up snapshot (an unreadable one throws, changing
   * nothing). Returns the alert it stored if that alert is acknowledged: the read-back an ack waits for.
   */
  Optional<Alert> apply(String topic, String key, JsonObject value) {
    switch (topic) {
      case Topics.ALERTS -> {
        return alerts.apply(key, value).filter(Alert::acknowledged);
      }
      case Topics.FEEDBACK -> {
        if (value != null) {
          feedback.add(value);
        }
      }
      case Topics.ALERT_GROUPS -> {
        if (value == null) {
          groups.remove(key);
        } else {
          groups.put(key, value);
        }
      }
      case Topics.SUBSCRIPTIONS -> applySubscription(key, value);
      case Topics.SILENCES -> applySilence(key, value);
      case Topics.INSIGHTS -> insights.apply(key, value);
      default -> LOG.warn("alerting view: record from unexpected topic {}", topic);
    }
    return Optional.empty();
  }

  /**
   * A stored subscription (null: deleted), from the start-up snapshot or any process's write. A
   * process's own writes come back this way too and change nothing; two quick writes to one name
   * through different processes settle on the later one once both have arrived.
   */
  private void applySubscription(String name, JsonObject json) {
    if (json == null) {
      subscriptions.remove(name);
      return;
    }
    SubscriptionParser.Result parsed = SubscriptionParser.parse(json);
    if (parsed.subscription() != null) {
      subscriptions.put(name, parsed.subscription());
    } else {
      LOG.warn("alerting: stored subscription {} no longer validates and is ignored: {}", name, parsed.errors());
    }
  }

  /** A stored silence (expiring one stores it again, ended); a tombstone forgets it. */
  private void applySilence(String id, JsonObject json) {
    if (json == null) {
      silences.remove(id);
    } else {
      silences.put(id, Silence.fromJson(json));
    }
  }

  Collection<Subscription> subscriptions() {
    return Collections.unmodifiableCollection(subscriptions.values());
  }

  Optional<Subscription> subscription(String name) {
    return Optional.ofNullable(subscriptions.get(name));
  }

  /** A subscription this process has just stored. */
  void putSubscription(Subscription subscription) {
    subscriptions.put(subscription.name(), subscription);
  }

  /** A subscription this process has just deleted. */
  void removeSubscription(String name) {
    subscriptions.remove(name);
  }

  Collection<Silence> silences() {
    return Collections.unmodifiableCollection(silences.values());
  }

  Optional<Silence> silence(String id) {
    return Optional.ofNullable(silences.get(id));
  }

  /** A silence this process has just stored (created, expired or reminded of). */
  void putSilence(Silence silence) {
    silences.put(silence.id(), silence);
  }

  AlertView alerts() {
    return alerts;
  }

  /** The stored states of the notification groups, by key. */
  Map<String, JsonObject> groups() {
    return Collections.unmodifiableMap(groups);
  }

  InsightIndex insights() {
    return insights;
  }

  FeedbackLedger feedback() {
    return feedback;
  }
}
