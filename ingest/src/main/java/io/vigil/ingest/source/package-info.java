/**
 * What every pulling source shares: its published {@link io.vigil.ingest.source.SourceStatus}, the
 * {@link io.vigil.ingest.source.SourceStatusBoard} the API reads, and jittered
 * {@link io.vigil.model.Backoff}; and {@link io.vigil.ingest.source.AwsPollingSource}, the
 * timer, client, writer, cursor and status lifecycle of a source that polls AWS, which leaves each
 * source only what it discovers and how it collects.
 *
 * <p>Each source runs on its own verticle's event loop and replaces its immutable status after every
 * attempt; the board is a concurrent map, so the API reads consistent snapshots from any thread
 * without locking the sources.
 */
package io.vigil.ingest.source;
