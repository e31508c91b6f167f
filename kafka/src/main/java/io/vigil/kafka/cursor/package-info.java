/**
 * Source cursors: where each pulling source got to, kept in the compacted
 * {@code vigil.source-cursors} topic under {@code <source>/<item>} keys and written in the same
 * Kafka transaction as the data they cover.
 *
 * <p>This is what makes a source read exactly what CloudWatch has, once, across kill -9 and restart:
 * data and cursor commit together or not at all, a restarted source fences its predecessor by
 * transactional id, and it resumes from the committed cursors (read with read_committed). Loading is
 * blocking and happens once on a worker; a writer is used from its source's event loop only.
 */
package io.vigil.kafka.cursor;
