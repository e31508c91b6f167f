/**
 * The diagnostics stage on the {@link io.vigil.kafka.PartitionedStage} scaffold: two consumer
 * groups, one over {@code vigil.log-events} and one over {@code vigil.deployment-events}, each
 * partition's {@link io.vigil.diagnostics.DiagnosisBook} restored from
 * {@code vigil.diagnostic-checkpoints} and its updated diagnoses written to {@code vigil.diagnostics}
 * as they happen (before the checkpoint that covers them, so a restart never loses one). Each
 * verticle's state lives on its event loop.
 */
package io.vigil.diagnostics.stage;
