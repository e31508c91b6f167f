package io.vigil.config;

import java.net.URI;
import java.util.List;

/**
 * The alerting stage: when anomalies become alerts, and how notifications are delivered.
 *
 * @param scoreThreshold anomalies scoring below it do not count towards an alert
 * @param minAnomalies how many counting anomalies within {@code windowSeconds} fire an alert
 * @param recoverySeconds a firing alert resolves after this long without a counting anomaly, or
 *     after {@code recoveryPeriods} of its series' periods when that is longer
 * @param recoveryPeriods how many of its series' periods an alert must stay quiet to resolve
 * @param maxDetectionDelaySeconds an anomaly starts an alert only when Vigil detected it at most
 *     this long after its timestamp plus its series' period; later ones are history
 * @param insightWaitSeconds how long a subscription grouped by {@code insight} holds a new alert
 *     that has no insight yet, so it pages with its incident rather than alone
 * @param pagerdutyUrl base URL of PagerDuty's Events API v2 (tests point it at a fake)
 * @param opsgenieUrl base URL of Opsgenie's Alert API (api.eu.opsgenie.com for the EU instance)
 * @param smtp the mail server of the {@code email} receiver
 * @param externalUrl Vigil's own base URL, for links in notifications; empty: {@code http://<http.host>:<http.port>}
 * @param inhibitRules {@code "<source matchers> -> <target matchers> on <labels>"}, matchers
 *     space-separated {@code name=value}, {@code name!=value}, {@code name=~regex}, {@code name!~regex}
 */
public record AlertingConfig(
    boolean enabled,
    double scoreThreshold,
    int minAnomalies,
    int windowSeconds,
    int recoverySeconds,
    int recoveryPeriods,
    int maxDetectionDelaySeconds,
    int insightWaitSeconds,
    int resolvedRetentionMinutes,
    int tickMillis,
    boolean allowPrivateReceivers,
    int maxDeliveryAgeSeconds,
    int retryInitialMillis,
    int retryMaxMillis,
    int requestTimeoutMillis,
    double receiverRatePerSecond,
    int receiverBurst,
    int maxInFlight,
    int silenceReminderBeforeSeconds,
    int silenceReminderMinSeconds,
    double feedbackThresholdStep,
    double feedbackMaxRaise,
    String snsEndpoint,
    String pagerdutyUrl,
    String opsgenieUrl,
    Smtp smtp,
    String externalUrl,
    List<String> inhibitRules) {

  static AlertingConfig from(ConfigSection section) {
    AlertingConfig config = new AlertingConfig(
        section.bool("enabled"),
        section.number("scoreThreshold", 0.0, 1.0),
        section.integer("minAnomalies", 1, 1000),
        section.integer("windowSeconds", 1, 86_400),
        section.integer("recoverySeconds", 1, 86_400),
        section.integer("recoveryPeriods", 1, 100),
        section.integer("maxDetectionDelaySeconds", 0, 7 * 86_400),
        section.integer("insightWaitSeconds", 0, 3_600),
        section.integer("resolvedRetentionMinutes", 1, 7 * 24 * 60),
        section.integer("tickMillis", 50, 60_000),
        section.bool("allowPrivateReceivers"),
        section.integer("maxDeliveryAgeSeconds", 1, 7 * 86_400),
        section.integer("retryInitialMillis", 10, 3_600_000),
        section.integer("retryMaxMillis", 10, 3_600_000),
        section.integer("requestTimeoutMillis", 100, 600_000),
        section.number("receiverRatePerSecond", 0.01, 10_000),
        section.integer("receiverBurst", 1, 10_000),
        section.integer("maxInFlight", 1, 100_000),
        section.integer("silenceReminderBeforeSeconds", 0, 7 * 86_400),
        section.integer("silenceReminderMinSeconds", 0, 365 * 86_400),
        section.number("feedbackThresholdStep", 0.0, 0.5),
        section.number("feedbackMaxRaise", 0.0, 0.5),
        section.string("snsEndpoint").trim(),
        baseUrl(section, "pagerdutyUrl"),
        baseUrl(section, "opsgenieUrl"),
        Smtp.from(section),
        externalUrl(section),
        section.strings("inhibitRules"));
    section.requireNotBelow("retryMaxMillis", config.retryMaxMillis, "retryInitialMillis", config.retryInitialMillis);
    section.finish();
    return config;
  }

  /**
   * The mail server the {@code email} receiver sends through: {@code alerting.smtpHost} (empty: no
   * email receiver), {@code smtpPort}, {@code smtpStartTls} ({@code required}, the default, refuses a
   * server that cannot upgrade; {@code optional}; {@code disabled}), {@code smtpUsername} and
   * {@code smtpPassword} (no login when empty), {@code smtpFrom}.
   */
  public record Smtp(String host, int port, String startTls, String username, String password, String from) {

    static Smtp from(ConfigSection section) {
      String startTls = section.string("smtpStartTls").trim();
      if (!List.of("required", "optional", "disabled").contains(startTls)) {
        throw new ConfigException(section.keyOf("smtpStartTls"), "must be required, optional or disabled, was \"" + startTls + "\"");
      }
      Smtp smtp = new Smtp(section.string("smtpHost").trim(), section.integer("smtpPort", 1, 65_535), startTls,
          section.string("smtpUsername"), section.string("smtpPassword"), section.string("smtpFrom").trim());
      if (!smtp.host().isEmpty() && !smtp.from().matches("[^@\\s]+@[^@\\s]+")) {
        throw new ConfigException(section.keyOf("smtpFrom"), "must be an address such as vigil@example.com when smtpHost is set, was \"" + smtp.from() + "\"");
      }
      return smtp;
    }

    public boolean configured() {
      return !host.isEmpty();
    }

    @Override
    public String toString() {
      return "Smtp[host=" + host + ", port=" + port + ", startTls=" + startTls + ", username=" + username + ", password=" + (password.isEmpty() ? "" : "***")
          + ", from=" + from + "]";
    }
  }

  private static String externalUrl(ConfigSection section) {
    return httpUrl(section, "externalUrl", true);
  }

  private static String baseUrl(ConfigSection section, String key) {
    return httpUrl(section, key, false);
  }

  private static String httpUrl(ConfigSection section, String key, boolean emptyAllowed) {
    String url = section.string(key).trim();
    if (url.isEmpty() && emptyAllowed) {
      return url;
    }
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null || !uri.getScheme().matches("https?")) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(section.keyOf(key), "must be " + (emptyAllowed ? "empty or " : "") + "an http(s) URL such as https://vigil.example.com, was \"" + url + "\"");
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** {@link #externalUrl()}, or the address Vigil listens on when it is not set. */
  public String externalUrlOr(String host, int port) {
    if (!externalUrl.isEmpty()) {
      return externalUrl;
    }
    String shownHost = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + shownHost + ":" + port;
  }
}
