/**
 * The health scorer's maths and values, with no Kafka: {@link io.vigil.health.SignalTracker} boils
 * a partition's scored points down to one {@link io.vigil.health.SeriesSignal} per series per minute
 * (sooner when something changes), {@link io.vigil.health.ServiceBook} keeps the latest signal of
 * every series of a partition's services, and {@link io.vigil.health.HealthScorer} turns one
 * service's signals into a 0-100 score from deductions, each with a reason and evidence (series ids,
 * anomaly ids, values and times), so every point off a score can be traced to what caused it.
 *
 * <p>Two stages rather than one because a service's series sit on different partitions of the
 * scores: the first stage reads them keyed by series and re-keys the compact signals by service, the
 * second sees all of one service's signals on one partition. Time is always an argument (the stage
 * passes its clock), so decay, staleness and history are tested by hand. Nothing here is
 * thread-safe; each instance belongs to one partition's state on one event loop.
 */
package io.vigil.health;
