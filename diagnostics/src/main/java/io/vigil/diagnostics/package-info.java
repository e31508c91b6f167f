/**
 * Diagnostics without Kafka: the catalog's signatures ({@link io.vigil.config.SignatureCatalog},
 * loaded and validated with the configuration) matched by {@link io.vigil.diagnostics.SignatureMatcher}
 * against log lines, deployment events and anomalies (metric conditions); each sighting folded into a
 * {@link io.vigil.diagnostics.Diagnosis} (first and last seen, count, newest evidence, steps) by one
 * partition's {@link io.vigil.diagnostics.DiagnosisBook}; and {@link io.vigil.diagnostics.DiagnosisRanking},
 * the order a service's diagnoses are shown in.
 *
 * <p>Where one service's matches meet: log events are keyed by log group, deployment events by
 * service and anomalies by series, so one service's sightings arrive on several partitions of three
 * topics. Rather than
 * re-key (a second hop through Kafka), each diagnosis is owned by exactly one partition and keyed
 * {@code <service> <signature> <origin>}, the origin being {@code logs:<log group>},
 * {@code events} or {@code anomalies:<series id>} (metric conditions): each lives on one partition
 * of its input, so counts and evidence are exact per origin, the compacted topic keeps the newest of
 * each, and readers merge the origins of one service and signature
 * ({@link io.vigil.diagnostics.Diagnosis#merge}).
 * Every record is complete on its own (service, signature, severity, evidence, steps), so a reader
 * that wants only one service filters on {@code service}.
 *
 * <p>Why the catalog is the one definition and health reads it: health's kill-for-memory and
 * refused-connection lines are the catalog's {@code memory-kill} and {@code dependency-not-ready}
 * signatures, so a line that takes points off a score is the line explained here, and a fix to a
 * regex fixes both; health's {@code health-events} stage reads the same two signatures in deployment
 * events. Health keeps its signals (and so its deductions and probable causes); a diagnosis adds
 * the explanation and steps beside them, rather than sending health a second copy of each match. Nothing here is thread-safe; a book belongs
 * to one partition on one event loop.
 */
package io.vigil.diagnostics;
