package io.vigil.recommendations;

/**
 * A task of the service killed for memory (exit code 137, {@code OutOfMemoryError}, {@code OOMKilled}).
 *
 * @param usageMiB the memory in use when it was killed: its limit, or the last sample if higher
 * @param source where it was seen: a log group, or {@code ecs} for a stopped task's exit code
 * @param detail the log line or stop reason, shortened
 */
public record MemoryKill(long atMillis, double usageMiB, String source, String detail) {}
