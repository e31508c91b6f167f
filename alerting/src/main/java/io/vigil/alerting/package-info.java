/**
 * Alerting: anomalies become alerts, alerts are routed to subscriptions, grouped, de-duplicated,
 * silenced, inhibited and acknowledged with Alertmanager's semantics, and notifications are written
 * to a Kafka outbox before anything is sent.
 *
 * <p>Design: the logic ({@link io.vigil.alerting.AlertEvaluator},
 * {@link io.vigil.alerting.AlertDispatcher}, matchers, parsers, {@link io.vigil.alerting.FeedbackLedger})
 * is plain Java with an injected {@link java.time.Clock}, tested by advancing time by hand. The
 * {@link io.vigil.alerting.AlertingVerticle} owns one instance of each and runs them on its
 * event loop; all of its state (alerts, group state, subscriptions, silences, feedback) is kept in
 * compacted topics and read back at start. The HTTP routes never touch that state: they send
 * request/reply messages to the verticle, so there is exactly one thread per piece of state.
 *
 * <p>Several processes: one process evaluates and dispatches all alerts of the anomaly partitions
 * it owns. Every process follows the alerts and feedback topics outside any group, so the read
 * endpoints list every alert; an ack is a command on a topic partitioned like the anomalies and read
 * in the same (range-assigned) group, so it reaches the owner from any process. Feedback is written
 * straight to its topic, which the owner follows too. A notification group is owned like a series,
 * by the process that owns the partition its key hashes to, so exactly one process notifies it, with
 * its alerts from every process.
 *
 * <p>{@link io.vigil.alerting.AlertingRoutes} are the API: they check auth and forward each request
 * to the verticle; a write is answered once its audit record is in Kafka.
 */
package io.vigil.alerting;
