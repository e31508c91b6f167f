/**
 * Alerting: anomalies become alerts, alerts are routed to subscriptions, grouped, de-duplicated,
 * silenced, inhibited and acknowledged with Alertmanager's semantics, and notifications are written
 * to a Kafka outbox before anything is sent.
 *
 * <p>Design: the logic ({@link io.vigil.engine.alerting.AlertEvaluator},
 * {@link io.vigil.engine.alerting.AlertDispatcher}, matchers, parsers, {@link io.vigil.engine.alerting.FeedbackLedger})
 * is plain Java with an injected {@link java.time.Clock}, tested by advancing time by hand. The
 * {@link io.vigil.engine.alerting.AlertingVerticle} owns one instance of each and runs them on its
 * event loop; all of its state (alerts, group state, subscriptions, silences, feedback) is kept in
 * compacted topics and read back at start. The HTTP routes never touch that state: they send
 * request/reply messages to the verticle, so there is exactly one thread per piece of state.
 *
 * <p>Several processes: one process evaluates and dispatches all alerts of the anomaly partitions
 * it owns. Every process follows the alerts and feedback topics outside any group, so the read
 * endpoints list every alert; an ack is a command on a topic partitioned like the anomalies and read
 * in the same (range-assigned) group, so it reaches the owner from any process. Feedback is written
 * straight to its topic, which the owner follows too. Limit: grouping happens per process (alerts of
 * one group on two processes notify twice).
 */
package io.vigil.engine.alerting;
