/** Benchmarks of the running engine, as opposed to the detectors alone (those live in the detectors module). */
package io.vigil.engine.bench;
