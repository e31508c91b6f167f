package io.vigil.health.logs;

import io.vigil.config.SignatureCatalog;
import io.vigil.health.SignalKind;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log lines that are health signals by themselves, each with the signal kind it makes. The
 * failures (a kill for memory, a refused connection) are the diagnostics catalog's own signatures,
 * read from the shipped {@link SignatureCatalog}, so health and diagnostics recognise the same lines.
 */
public enum LogSignature {
  /** Exit code 137, the JVM's OutOfMemoryError, Kubernetes' and Docker's OOMKilled, the kernel's OOM killer. */
  MEMORY_KILL(SignalKind.MEMORY_KILL, catalogPatterns("memory-kill")),
  /** ECS service events of a deployment (and the same words from a CI system's log). */
  DEPLOYMENT(SignalKind.DEPLOYMENT, List.of(Pattern.compile(
      "(?i)\\bdeployment\\s+(\\S+)\\s+(?:started|completed|in progress)|has started \\d+ tasks?|\\bregistered task definition\\b"))),
  /** A refused connection, with the port when the line gives it (5432 PostgreSQL, 6379 Redis, ...). */
  DEPENDENCY_REFUSED(SignalKind.DEPENDENCY_REFUSED, catalogPatterns("dependency-not-ready"));

  private static final Pattern ERROR_LINE = Pattern.compile(
      "\\b(?:ERROR|FATAL|CRITICAL|SEVERE|PANIC)\\b|level=(?:error|fatal)|\"level\"\\s*:\\s*\"(?:error|fatal)\"|\\bpanic:|Traceback \\(most recent call last\\)"
          + "|\\b[A-Z][A-Za-z]*(?:Exception|Error)\\b");
  private static final Pattern PORT = Pattern.compile("(?:port |:)(\\d{2,5})\\b");

  private final SignalKind kind;
  private final List<Pattern> patterns;

  LogSignature(SignalKind kind, List<Pattern> patterns) {
    this.kind = kind;
    this.patterns = patterns;
  }

  private static List<Pattern> catalogPatterns(String id) {
    return SignatureCatalog.shipped().signature(id)
        .orElseThrow(() -> new IllegalStateException("the shipped diagnostics catalog has no signature " + id)).logs();
  }

  public SignalKind kind() {
    return kind;
  }

  /** The first signature that {@code line} matches, in declaration order (a kill before the rest). */
  public static Optional<LogSignature> of(String line) {
    for (LogSignature signature : values()) {
      for (Pattern pattern : signature.patterns) {
        if (pattern.matcher(line).find()) {
          return Optional.of(signature);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether {@code line} reports an error (a level of error or worse, an exception, a panic). */
  public static boolean isError(String line) {
    return ERROR_LINE.matcher(line).find();
  }

  /** The last port a refused-connection line names (the server's, after any local one), or 0. */
  public static int port(String line) {
    Matcher matcher = PORT.matcher(line);
    int port = 0;
    while (matcher.find()) {
      int candidate = Integer.parseInt(matcher.group(1));
      if (candidate > 0 && candidate <= 65_535) {
        port = candidate;
      }
    }
    return port;
  }
}
