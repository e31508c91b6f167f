package io.vigil.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.ingest.push.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one stream connection asked for, at most {@code maxSubscriptions} items, and the replies to
 * the client's messages. However large or repetitive a message, it gets at most two replies of
 * bounded size (one error listing the first refused items, one "subscribed"), so a client cannot
 * make the server write more than it reads. Touched only on the connection's event loop.
 */
final class StreamSubscriptions {

  static final String ANOMALIES = "anomalies";
  static final String ALERTS = "alerts";
  static final String HEALTH = "health";
  static final String RECOMMENDATIONS = "recommendations";
  static final String INSIGHTS = "insights";
  static final String DEPLOYMENTS = "deployments";
  static final String POINTS_PREFIX = "points:";
  /** Refused items named in one error reply; the rest are only counted. */
  static final int MAX_REPORTED = 10;
  private static final int MAX_QUOTED_CHARS = 100;
  private static final String USAGE = "expected {\"subscribe\":[\"anomalies\",\"alerts\",\"health\",\"insights\",\"recommendations\",\"deployments\",\"points:<seriesId>\"]}"
      + " and/or {\"unsubscribe\":[...]}";

  /** Told of each item as it is added or removed, so that events can be routed to the connection. */
  interface Listener {
    void subscribed(String item);

    void unsubscribed(String item);
  }

  private static final Listener NOBODY = new Listener() {
    @Override
    public void subscribed(String item) {}

    @Override
    public void unsubscribed(String item) {}
  };

  private final int maxSubscriptions;
  private final Listener listener;
  private final Set<String> topics = new HashSet<>();
  private final Set<String> seriesIds = new HashSet<>();

  StreamSubscriptions(int maxSubscriptions) {
    this(maxSubscriptions, NOBODY);
  }

  StreamSubscriptions(int maxSubscriptions, Listener listener) {
    this.maxSubscriptions = maxSubscriptions;
    this.listener = listener;
  }

  /** Every item held, as the client named it ({@code "health"}, {@code "points:<seriesId>"}). */
  List<String> items() {
    List<String> items = new ArrayList<>(topics);
    seriesIds.forEach(id -> items.add(POINTS_PREFIX + id));
    return items;
  }

  boolean wants(String topic) {
    return topics.contains(topic);
  }

  boolean wantsSeries(String seriesId) {
    return seriesIds.contains(seriesId);
  }

  /** Applies one client message and answers the replies to send, in order. */
  List<String> apply(String text) {
    JsonObject request;
    try {
      request = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      return List.of(error("malformed JSON: " + quote(String.valueOf(e.getMessage())), List.of(), 0));
    }
    Object subscribe = request.getValue("subscribe");
    Object unsubscribe = request.getValue("unsubscribe");
    if ((subscribe == null && unsubscribe == null) || (subscribe != null && !(subscribe instanceof JsonArray))
        || (unsubscribe != null && !(unsubscribe instanceof JsonArray))) {
      return List.of(error(USAGE, List.of(), 0));
    }
    Refusals refused = new Refusals();
    if (unsubscribe != null) {
      JsonArray items = (JsonArray) unsubscribe;
      for (int i = 0; i < items.size(); i++) {
        if (!remove(items.getValue(i))) {
          refused.add("unsubscribe[" + i + "]", "not subscribed: " + quote(items.getValue(i)));
        }
      }
    }
    Set<String> accepted = new LinkedHashSet<>();
    if (subscribe != null) {
      JsonArray items = (JsonArray) subscribe;
      for (int i = 0; i < items.size(); i++) {
        Object item = items.getValue(i);
        String field = "subscribe[" + i + "]";
        if (!isValid(item)) {
          refused.add(field, "unknown subscription " + quote(item) + "; use \"anomalies\", \"alerts\", \"health\", \"insights\", \"recommendations\", \"deployments\" or \"points:<seriesId>\"");
        } else if (!holds((String) item) && size() >= maxSubscriptions) {
          refused.add(field, "over the limit of " + maxSubscriptions + " subscriptions per connection");
        } else {
          add((String) item);
          accepted.add((String) item);
        }
      }
    }
    List<String> replies = new ArrayList<>(2);
    if (refused.count > 0) {
      replies.add(error("some subscriptions were refused", refused.reported, refused.count));
    }
    if (subscribe != null) {
      replies.add(new JsonObject().put("type", "subscribed")
          .put("data", new JsonObject().put("subscriptions", new JsonArray(new ArrayList<>(accepted)))).encode());
    }
    return replies;
  }

  private int size() {
    return topics.size() + seriesIds.size();
  }

  private static boolean isValid(Object item) {
    return ANOMALIES.equals(item) || ALERTS.equals(item) || HEALTH.equals(item) || INSIGHTS.equals(item) || RECOMMENDATIONS.equals(item)
        || DEPLOYMENTS.equals(item)
        || (item instanceof String && ((String) item).startsWith(POINTS_PREFIX) && ((String) item).length() > POINTS_PREFIX.length());
  }

  private boolean holds(String item) {
    return item.startsWith(POINTS_PREFIX) ? seriesIds.contains(item.substring(POINTS_PREFIX.length())) : topics.contains(item);
  }

  private void add(String item) {
    boolean added = item.startsWith(POINTS_PREFIX) ? seriesIds.add(item.substring(POINTS_PREFIX.length())) : topics.add(item);
    if (added) {
      listener.subscribed(item);
    }
  }

  private boolean remove(Object item) {
    if (!isValid(item)) {
      return false;
    }
    String name = (String) item;
    boolean removed = name.startsWith(POINTS_PREFIX) ? seriesIds.remove(name.substring(POINTS_PREFIX.length())) : topics.remove(name);
    if (removed) {
      listener.unsubscribed(name);
    }
    return removed;
  }

  /** The refused items of one message: all counted, the first few described. */
  private static final class Refusals {
    final List<FieldError> reported = new ArrayList<>();
    int count;

    void add(String field, String message) {
      count++;
      if (reported.size() < MAX_REPORTED) {
        reported.add(new FieldError(field, message));
      }
    }
  }

  /** The item as the client wrote it, cut short: a reply must not echo a large message back. */
  private static String quote(Object item) {
    String text = item instanceof String ? "\"" + item + "\"" : String.valueOf(item);
    return text.length() <= MAX_QUOTED_CHARS ? text : text.substring(0, MAX_QUOTED_CHARS) + "…";
  }

  private static String error(String message, List<FieldError> details, int refusedCount) {
    JsonArray array = new JsonArray();
    details.forEach(detail -> array.add(detail.toJson()));
    JsonObject data = new JsonObject().put("error", message).put("details", array);
    if (refusedCount > details.size()) {
      data.put("refused", refusedCount);
    }
    return new JsonObject().put("type", "error").put("data", data).encode();
  }
}
