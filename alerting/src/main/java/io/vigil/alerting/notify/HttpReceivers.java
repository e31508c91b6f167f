package io.vigil.alerting.notify;

import io.vertx.ext.web.client.WebClient;
import io.vigil.alerting.ReceiverUrlGuard;
import io.vigil.config.AlertingConfig;
import java.time.Clock;
import java.util.Map;

/**
 * The receivers that POST to an HTTP endpoint, by receiver type: webhook and Slack, Microsoft Teams,
 * PagerDuty, Opsgenie and an existing Alertmanager. All share one {@link GuardedPost}, so each is SSRF-checked, time-bounded
 * and classified the same way, and the delivery stage gives each the same outbox, retries,
 * dead letters and rate limit.
 */
public final class HttpReceivers {

  private HttpReceivers() {}

  public static Map<String, Receiver> create(WebClient client, ReceiverUrlGuard guard, AlertingConfig config, Clock clock) {
    GuardedPost post = new GuardedPost(client, guard, config.requestTimeoutMillis());
    HttpReceiver http = new HttpReceiver(client, guard, config.requestTimeoutMillis(), clock);
    return Map.of(
        "webhook", http,
        "slack", http,
        "msteams", new TeamsReceiver(post),
        "alertmanager", new AlertmanagerReceiver(post),
        "pagerduty", new PagerDutyReceiver(post, config.pagerdutyUrl()),
        "opsgenie", new OpsgenieReceiver(post, config.opsgenieUrl()));
  }
}
