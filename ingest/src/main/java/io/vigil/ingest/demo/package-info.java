/**
 * The built-in demo workload: a deterministic generator of AWS-shaped metrics and logs with injected
 * incidents, and the verticle that feeds it to Kafka. The generator is a pure function of time, so it
 * is safe to call from any thread and to replay. The verticle writes it like a source: transactionally,
 * with a clock cursor, under a lease.
 */
package io.vigil.ingest.demo;
