/**
 * Alerting: anomalies become alerts, alerts are routed to subscriptions, grouped, de-duplicated,
 * silenced, inhibited and acknowledged with Alertmanager's semantics, and notifications are written
 * to a Kafka outbox before anything is sent.
 *
 * <p>Design: one concept per class, along Alertmanager's seams. Evaluation is
 * {@link io.vigil.alerting.AlertEvaluator} (anomalies in, alert episodes out) with
 * {@link io.vigil.alerting.FeedbackLedger}; dispatch is {@code AlertDispatcher}
 * (route, mute, group), which asks {@code GroupTimer} when a group is due over its immutable
 * {@code GroupState}; silences and inhibition are {@link io.vigil.alerting.Silence},
 * {@link io.vigil.alerting.LabelMatcher} and {@link io.vigil.alerting.InhibitRule}. All of that is
 * plain Java with an injected {@link java.time.Clock}, tested by advancing time by hand. The stage
 * around it is cut the same way: {@code AlertingViews} holds what every process knows (restored
 * from the compacted topics at start, then followed), {@code PartitionOwnership} says which alerts
 * and groups are this process's, {@code TickLoop} ticks and commits the input offsets only after
 * the tick's writes are acknowledged, and {@code AlertingApi} answers the request/reply API, all
 * writing through {@code RecordWriter} so each is tested without Kafka.
 * {@link io.vigil.alerting.AlertingVerticle} moves records between Kafka and these pieces and owns
 * them on its event loop; the HTTP routes never touch that state but send request/reply messages
 * to it, so there is exactly one thread per piece of state. The seams are classes within this one
 * package, not subpackages yet: the seams meet in package-private types ({@code GroupState},
 * {@code AlertingViews}, {@code RecordWriter}, the dispatcher itself), and one package per seam
 * would make all of those public to each other and to every other module.
 *
 * <p>Several processes: one process evaluates and dispatches all alerts of the anomaly partitions
 * it owns. Every process follows the alerts and feedback topics outside any group, so the read
 * endpoints list every alert; an ack is a command on a topic partitioned like the anomalies and read
 * in the same (range-assigned) group, so it reaches the owner from any process. Feedback is written
 * straight to its topic, which the owner follows too. A notification group is owned like a series,
 * by the process that owns the partition its key hashes to, so exactly one process notifies it, with
 * its alerts from every process. Every process also follows the insights topic
 * ({@link io.vigil.alerting.InsightIndex}); an alert's owner labels it with the insight it joins, so
 * a subscription grouped by insight notifies one group per incident through the same ownership.
 *
 * <p>{@link io.vigil.alerting.AlertingRoutes} are the API's HTTP side: they check auth and forward
 * each request to {@code AlertingApi}; a write is answered once its audit record is in Kafka.
 */
package io.vigil.alerting;
