/**
 * The CloudFormation source: {@link io.vigil.ingest.cloudformation.StackEventMapper} turns a stack's
 * events into deployment events (an operation begun by the stack's own {@code *_IN_PROGRESS}, its
 * resources' progress and failures with their status reasons, its completion or rollback), with no
 * I/O; {@link io.vigil.ingest.cloudformation.CloudFormationSource} pages DescribeStackEvents back to
 * each stack's {@link io.vigil.ingest.cloudformation.StackCursor} on the
 * {@link io.vigil.ingest.source.AwsPollingSource} scaffold and writes the new events with the cursor
 * in one transaction, so each event is written once. The cursor carries the current operation's id,
 * so events read after a restart in the middle of an update keep their deployment. State lives on
 * the source verticle's event loop.
 */
package io.vigil.ingest.cloudformation;
