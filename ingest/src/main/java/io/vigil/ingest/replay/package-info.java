/** Reading of recorded series from CSV files for offline replay. Stateless and thread-safe. */
package io.vigil.ingest.replay;
