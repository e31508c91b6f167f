/**
 * What health reads from logs, with no Kafka: {@link io.vigil.health.logs.LogSignature} knows the
 * few lines that change a score or name a cause by themselves (a container killed for memory, a
 * deployment, a refused connection to a dependency), {@link io.vigil.health.logs.LogServices} finds
 * the service a log group (or an ECS service event) belongs to, and
 * {@link io.vigil.health.logs.LogSignalTracker} turns one partition's log events (keyed by log
 * group) into health signals: one per signature line, and per group and minute of data time the
 * count of error lines, marked as a burst against the group's own decaying baseline.
 *
 * <p>The signatures are deliberately few and literal; a fuller catalog of known failures, with
 * explanations and steps, belongs to diagnostics, which can feed the same signals. Nothing here is
 * thread-safe; one tracker belongs to one partition's state on one event loop.
 */
package io.vigil.health.logs;
