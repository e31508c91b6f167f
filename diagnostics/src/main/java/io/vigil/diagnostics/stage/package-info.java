/**
 * The diagnostics stage on the {@link io.vigil.kafka.PartitionedStage} scaffold: three consumer
 * groups, over {@code vigil.log-events}, {@code vigil.deployment-events} and (for metric
 * conditions) {@code vigil.anomalies}, each
 * partition's {@link io.vigil.diagnostics.DiagnosisBook} restored from
 * {@code vigil.diagnostic-checkpoints} and its updated diagnoses written to {@code vigil.diagnostics}
 * as they happen (before the checkpoint that covers them, so a restart never loses one). Each
 * verticle's state lives on its event loop.
 */
package io.vigil.diagnostics.stage;
