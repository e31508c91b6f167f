package io.vigil.alerting.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;
import io.vigil.alerting.Notification;
import io.vigil.config.AlertingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * E-mail through the configured SMTP server ({@code alerting.smtp*}) with Vert.x's mail client:
 * STARTTLS required by default (a server that cannot upgrade is refused, never sent to in clear),
 * login when a username is set. The subject is the notification's title, the text one paragraph per
 * alert; {@code X-Vigil-Delivery} carries the delivery id. An SMTP reply that is permanent (5xx,
 * e.g. a refused recipient) is permanent; a transient one (4xx), a refused connection or a failed
 * handshake is retried. The server comes from the operator's configuration, not from the API, so
 * the receiver URL guard has nothing to check: only the recipients come from a subscription.
 */
public final class EmailReceiver implements Receiver {

  private final MailClient client;
  private final String from;
  private final boolean configured;

  /** @param trust the certificates the server's may chain to; null: the JVM's default trust store */
  public EmailReceiver(Vertx vertx, AlertingConfig.Smtp smtp, long timeoutMillis, TrustOptions trust) {
    MailConfig config = new MailConfig()
        .setHostname(smtp.configured() ? smtp.host() : "localhost")
        .setPort(smtp.port())
        .setStarttls(StartTLSOptions.valueOf(smtp.startTls().toUpperCase(Locale.ROOT)))
        .setLogin(smtp.username().isEmpty() ? LoginOption.DISABLED : LoginOption.REQUIRED)
        .setUsername(smtp.username().isEmpty() ? null : smtp.username())
        .setPassword(smtp.password().isEmpty() ? null : smtp.password())
        .setHostnameVerificationAlgorithm("HTTPS")
        .setKeepAlive(false);
    config.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis));
    if (trust != null) {
      config.setTrustOptions(trust);
    }
    this.client = MailClient.create(vertx, config);
    this.from = smtp.from();
    this.configured = smtp.configured();
  }

  @Override
  public Future<DeliveryResult> send(Notification notification) {
    if (!configured) {
      return Future.succeededFuture(DeliveryResult.permanent("no mail server: alerting.smtpHost is not set"));
    }
    return client.sendMail(message(notification, from))
        .map(sent -> DeliveryResult.delivered())
        .otherwise(EmailReceiver::classify);
  }

  static MailMessage message(Notification notification, String from) {
    VigilBody body = VigilBody.of(notification.payload());
    StringBuilder text = new StringBuilder(body.title()).append("\n\n");
    for (JsonObject alert : body.alerts()) {
      text.append(alert.getString("status", "").toUpperCase(Locale.ROOT)).append(": ").append(VigilBody.summaryOf(alert)).append('\n')
          .append("  service ").append(VigilBody.label(alert, "service", "-")).append(", severity ").append(VigilBody.label(alert, "severity", "-"))
          .append(", since ").append(alert.getString("startsAt", "")).append('\n')
          .append("  alert ").append(alert.getString("id", "")).append("\n\n");
    }
    MailMessage message = new MailMessage()
        .setFrom(from)
        .setTo(recipients(notification.receiver()))
        .setSubject(VigilBody.truncate(body.title(), 200))
        .setText(text.toString());
    message.addHeader(HttpReceiver.DELIVERY_HEADER, notification.deliveryId());
    return message;
  }

  static List<String> recipients(JsonObject receiver) {
    List<String> to = new ArrayList<>();
    receiver.getJsonArray("to").forEach(address -> to.add((String) address));
    return to;
  }

  private static DeliveryResult classify(Throwable failure) {
    if (failure instanceof SMTPException smtp && smtp.isPermanent()) {
      return DeliveryResult.permanent("SMTP " + smtp.getReplyCode() + ": " + smtp.getReplyMessage());
    }
    return DeliveryResult.retry(failure.getClass().getSimpleName() + ": " + failure.getMessage());
  }

  /**
   * Closes the client. Its QUIT to a connection the server has already closed fails, which is not a
   * failure to close: the connection is gone either way.
   */
  public Future<Void> close() {
    return client.close().recover(alreadyClosed -> Future.succeededFuture());
  }
}
