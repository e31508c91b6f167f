package io.vigil.ingest.source;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * What one source is doing right now, as shown on {@code GET /api/v1/sources}: an immutable snapshot
 * the source replaces after every attempt.
 *
 * @param state {@code starting}, {@code ok}, {@code degraded}, {@code backoff} (failing, retrying later),
 *     {@code standby} (another process runs it) or {@code disabled}
 * @param lagMillis how far behind the wall clock the newest data the source emitted is, or -1
 * @param backoffMillis the delay before the next attempt after failures, 0 when healthy
 * @param details source-specific counters (series discovered, log groups, ...)
 */
public record SourceStatus(
    String name,
    String kind,
    String state,
    long lastSuccessMillis,
    String lastError,
    long lastErrorMillis,
    int consecutiveFailures,
    long backoffMillis,
    long nextAttemptMillis,
    long lagMillis,
    JsonObject details) {

  public SourceStatus {
    details = details == null ? new JsonObject() : details.copy();
    lastError = lastError == null ? "" : lastError;
  }

  /** A source that has not finished its first attempt. */
  public static SourceStatus starting(String name, String kind) {
    return new SourceStatus(name, kind, "starting", 0, "", 0, 0, 0, 0, -1, new JsonObject());
  }

  /** After an attempt that worked: clears the backoff, keeps the last error for reference. */
  public SourceStatus succeeded(long nowMillis, long nextAttemptMillis, long lagMillis, JsonObject details) {
    return new SourceStatus(name, kind, "ok", nowMillis, lastError, lastErrorMillis, 0, 0, nextAttemptMillis, lagMillis, details);
  }

  /** After an attempt that worked for some items (log groups) but not others; the source keeps its schedule. */
  public SourceStatus degraded(long nowMillis, String error, long nextAttemptMillis, long lagMillis, JsonObject details) {
    return new SourceStatus(name, kind, "degraded", nowMillis, error, nowMillis, 0, 0, nextAttemptMillis, lagMillis, details);
  }

  /** While another process holds the source's lease and polls it; this one takes over if that one goes. */
  public SourceStatus standby(long nowMillis) {
    return new SourceStatus(name, kind, "standby", lastSuccessMillis, lastError, lastErrorMillis, 0, 0, 0, -1,
        new JsonObject().put("standbySince", Instant.ofEpochMilli(nowMillis).toString()));
  }

  /** After an attempt that failed, with the delay before the next one. */
  public SourceStatus failed(long nowMillis, String error, long backoffMillis) {
    return new SourceStatus(name, kind, "backoff", lastSuccessMillis, error, nowMillis, consecutiveFailures + 1,
        backoffMillis, nowMillis + backoffMillis, lagMillis, details);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("kind", kind)
        .put("state", state)
        .put("lastSuccess", instant(lastSuccessMillis))
        .put("lastError", lastError.isEmpty() ? null : lastError)
        .put("lastErrorAt", instant(lastErrorMillis))
        .put("consecutiveFailures", consecutiveFailures)
        .put("backoffMillis", backoffMillis)
        .put("nextAttempt", instant(nextAttemptMillis))
        .put("lagMillis", lagMillis < 0 ? null : lagMillis)
        .put("details", details.copy());
  }

  private static String instant(long millis) {
    return millis <= 0 ? null : Instant.ofEpochMilli(millis).toString();
  }
}
