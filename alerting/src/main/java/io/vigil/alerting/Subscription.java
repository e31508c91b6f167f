package io.vigil.alerting;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A validated subscription: which alerts (match), where to (receiver), and how to group and repeat
 * them. Build one with {@link SubscriptionParser}. The receiver keeps its secret; {@link #toJson(boolean)}
 * masks it for anything a user or a log can see.
 */
public record Subscription(
    String name,
    String matchService,
    String matchNamespace,
    String matchMetric,
    Severity minSeverity,
    SortedMap<String, String> matchLabels,
    JsonObject receiver,
    List<String> groupBy,
    String groupWait,
    String groupInterval,
    String repeatInterval,
    long groupWaitMillis,
    long groupIntervalMillis,
    long repeatIntervalMillis,
    boolean sendResolved) {

  public static final String MASK = "********";
  /** Receiver fields that hold a credential: never shown, never logged. */
  static final java.util.Set<String> CREDENTIAL_FIELDS = java.util.Set.of("secret", "routingKey", "apiKey");
  /** Receiver types whose URL carries its token. */
  static final java.util.Set<String> URL_IS_CREDENTIAL = java.util.Set.of("slack", "msteams");

  public String receiverType() {
    return receiver.getString("type");
  }

  public boolean matches(Alert alert) {
    Map<String, String> labels = alert.labels();
    if (matchService != null && !matchService.equals(labels.get("service"))) {
      return false;
    }
    if (matchNamespace != null && !matchNamespace.equals(labels.get("namespace"))) {
      return false;
    }
    if (matchMetric != null && !matchMetric.equals(labels.get("metric"))) {
      return false;
    }
    if (minSeverity != null) {
      String severity = labels.get("severity");
      try {
        if (severity == null || Severity.fromWire(severity).compareTo(minSeverity) < 0) {
          return false;
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    for (Map.Entry<String, String> wanted : matchLabels.entrySet()) {
      if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Whether notifications are grouped by {@code label}. */
  public boolean groupsBy(String label) {
    return groupBy.contains(label);
  }

  /** The values of the groupBy labels of {@code alert}. */
  public SortedMap<String, String> groupLabels(Alert alert) {
    SortedMap<String, String> values = new TreeMap<>();
    for (String label : groupBy) {
      values.put(label, alert.labels().getOrDefault(label, ""));
    }
    return values;
  }

  /** The receiver with its secret replaced by a mask. */
  public static JsonObject maskedReceiver(JsonObject receiver) {
    JsonObject masked = receiver.copy();
    for (String credential : CREDENTIAL_FIELDS) {
      if (masked.containsKey(credential) && !masked.getString(credential, "").isEmpty()) {
        masked.put(credential, MASK);
      }
    }
    if (masked.containsKey("url") && URL_IS_CREDENTIAL.contains(masked.getString("type"))) {
      // A Slack or Teams incoming-webhook URL is itself the credential.
      String url = masked.getString("url");
      int lastSlash = url.lastIndexOf('/');
      masked.put("url", lastSlash > 8 ? url.substring(0, lastSlash + 1) + MASK : MASK);
    }
    return masked;
  }

  public JsonObject toJson(boolean masked) {
    JsonObject match = new JsonObject();
    if (matchService != null) {
      match.put("service", matchService);
    }
    if (matchNamespace != null) {
      match.put("namespace", matchNamespace);
    }
    if (matchMetric != null) {
      match.put("metric", matchMetric);
    }
    if (minSeverity != null) {
      match.put("minSeverity", minSeverity.wireName());
    }
    match.put("labels", new JsonObject(new TreeMap<String, Object>(matchLabels)));
    return new JsonObject()
        .put("name", name)
        .put("match", match)
        .put("receiver", masked ? maskedReceiver(receiver) : receiver.copy())
        .put("groupBy", new JsonArray(List.copyOf(groupBy)))
        .put("groupWait", groupWait)
        .put("groupInterval", groupInterval)
        .put("repeatInterval", repeatInterval)
        .put("sendResolved", sendResolved);
  }
}
