/**
 * Parsing of pushed JSON batches. A batch is valid whole or refused whole; every bad field is
 * reported with its path ({@code points[3].value}). The parsers are stateless and thread-safe.
 */
package io.vigil.ingest.push;
