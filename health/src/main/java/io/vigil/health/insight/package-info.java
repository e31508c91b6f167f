/**
 * Insights, with no Kafka: one per incident of a service instead of a list of anomalies.
 * {@link io.vigil.health.insight.InsightBook} watches each service's assessments as the health
 * stage publishes them; it keeps the recent signs of trouble of each service (the series, log
 * signals and dependencies behind its deductions, and the deployments and refused connections in
 * its logs), opens an insight when the score leaves the healthy band, gathers every sign seen
 * while it is open (and those of the look-back before it) as its members, and closes it once the
 * score has stayed healthy for the quiet period. {@link io.vigil.health.insight.CauseRanker} ranks
 * the probable causes of an insight from its members alone: a kill for memory after memory rose, a
 * dependency that refused connections or went bad, a deployment just before the trouble, the signal
 * that moved first; each cause carries its evidence and a confidence that says how directly the
 * members point at it. Time is an argument throughout; nothing is thread-safe.
 */
package io.vigil.health.insight;
