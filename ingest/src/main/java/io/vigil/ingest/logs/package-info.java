/**
 * The CloudWatch Logs source: log groups by name or prefix, followed with FilterLogEvents from a
 * per-group {@link io.vigil.ingest.logs.LogCursor} committed in the same Kafka transaction as the
 * events it covers. Each poll reads again a late-arrival window behind the newest event and skips
 * the ids the cursor remembers, so events that become visible late are emitted, once.
 *
 * <p>All state of a source lives on its verticle's event loop; SDK calls start on the shared
 * {@code vigil-aws} worker pool and complete back on it. StartLiveTail is not used yet: polling
 * works on every account and gives the cursor semantics exactly-once needs.
 */
package io.vigil.ingest.logs;
