package io.vigil.model;

/**
 * One log line from a log group and stream, with the id that makes re-reads idempotent.
 *
 * @param eventId stable id of the event (CloudWatch's own, or derived from its content)
 */
public record LogEvent(String logGroup, String logStream, long timestampMillis, String message, String eventId) {

  public LogEvent {
    if (logGroup == null || logGroup.isEmpty()) {
      throw new IllegalArgumentException("logGroup must not be empty");
    }
    logStream = logStream == null ? "" : logStream;
    message = message == null ? "" : message;
    if (eventId == null || eventId.isEmpty()) {
      throw new IllegalArgumentException("eventId must not be empty");
    }
  }
}
