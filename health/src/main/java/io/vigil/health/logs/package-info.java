/**
 * What health reads from logs, with no Kafka: {@link io.vigil.health.logs.LogSignature} knows the
 * few lines that change a score or name a cause by themselves (a container killed for memory, a
 * deployment, a refused connection to a dependency), {@link io.vigil.health.logs.LogServices} finds
 * the service a log group (or an ECS service event) belongs to, and
 * {@link io.vigil.health.logs.LogSignalTracker} turns one partition's log events (keyed by log
 * group) into health signals: one per signature line, and per group and minute of data time the
 * count of error lines, marked as a burst against the group's own decaying baseline.
 *
 * <p>The failure lines are not defined here: a kill for memory and a refused connection are the
 * {@code memory-kill} and {@code dependency-not-ready} signatures of the diagnostics catalog
 * ({@link io.vigil.config.SignatureCatalog}, shipped in the config jar), which health reads rather
 * than copies, so a line that moves a score is the same line that diagnostics explains. Health keeps
 * what is its own: the signal each makes (the 137, the port) and the error-line counting. It reads
 * the shipped catalog for log lines; {@link io.vigil.health.logs.DeploymentEventSignals} reads the
 * configured one for deployment events (an ECS stopped task's exit code 137 is the same kill for
 * memory as its log line). Nothing here is
 * thread-safe; one tracker belongs to one partition's state on one event loop.
 */
package io.vigil.health.logs;
