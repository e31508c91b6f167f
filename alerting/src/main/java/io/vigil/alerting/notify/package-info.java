/**
 * Delivery of notifications from the outbox: receivers (webhook, Slack, Microsoft Teams,
 * PagerDuty, Opsgenie, an existing Alertmanager, e-mail, SNS, the dashboard's stream; the HTTP ones
 * share {@code GuardedPost} and one contract test), retry with exponential backoff and jitter,
 * per-receiver rate limits, and the dead-letter topic. At least once: deliveries finish out of order, and {@code OutboxWatermark} (pure, unit
 * tested) says which outbox offsets may be committed, never past a notification whose delivery (or
 * dead-lettering) has not finished; every retry and re-send carries the same delivery id, so
 * receivers de-duplicate on {@code X-Vigil-Delivery}. Webhooks with a secret are signed over their
 * send time and body ({@link io.vigil.alerting.notify.WebhookSignature}), so a captured request
 * cannot be replayed once its timestamp is stale.
 *
 * <p>Thread-safety: {@link io.vigil.alerting.notify.DeliveryVerticle}, its watermark and the
 * receivers run on the verticle's event loop; DNS checks and SNS client creation run on worker
 * threads.
 */
package io.vigil.alerting.notify;
