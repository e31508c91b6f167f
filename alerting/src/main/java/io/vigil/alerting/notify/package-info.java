/**
 * Delivery of notifications from the outbox: receivers (webhook, Slack, SNS, the dashboard's
 * stream), retry with exponential backoff and jitter, per-receiver rate limits, and the dead-letter
 * topic. At least once: the outbox offset is committed only past notifications whose delivery (or
 * dead-lettering) finished, and every retry and re-send carries the same delivery id, so receivers
 * de-duplicate on {@code X-Vigil-Delivery}.
 *
 * <p>Thread-safety: {@link io.vigil.alerting.notify.DeliveryVerticle} and the receivers run
 * on the verticle's event loop; DNS checks and SNS client creation run on worker threads.
 */
package io.vigil.alerting.notify;
