package io.vigil.alerting;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * The body a webhook receiver gets: Alertmanager's webhook payload, which receivers written for
 * Alertmanager read as they are (the default), or Vigil's own richer body. Slack, SNS and the
 * dashboard's stream always get Vigil's body: Slack's text and the stream are made from it.
 */
public enum NotificationFormat {
  ALERTMANAGER,
  VIGIL;

  /** The receiver option that chooses it. */
  public static final String OPTION = "format";

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format named {@code text}, or null when it names none. */
  public static NotificationFormat fromWire(String text) {
    for (NotificationFormat format : values()) {
      if (format.wireName().equals(text)) {
        return format;
      }
    }
    return null;
  }

  /** The format a receiver (as stored on its subscription) is sent. */
  public static NotificationFormat of(JsonObject receiver) {
    if (!"webhook".equals(receiver.getString("type"))) {
      return VIGIL;
    }
    NotificationFormat chosen = fromWire(receiver.getString(OPTION, ALERTMANAGER.wireName()));
    return chosen == null ? ALERTMANAGER : chosen;
  }
}
