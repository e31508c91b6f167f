package io.vigil.deployments.api;

import io.vertx.core.json.JsonObject;
import io.vigil.ingest.push.FieldError;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the fields of a deployment announcement or event from a request body, each checked and
 * named when bad: text fields of bounded length, times as ISO-8601 instants or epoch milliseconds,
 * ids of a safe alphabet. Errors are collected, so one answer names every bad field.
 */
final class DeploymentRequest {

  static final int MAX_TEXT = 256;
  static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@/-]{1,128}");
  /** A start this far in the future is a clock error, not a plan. */
  static final long MAX_FUTURE_MILLIS = 5 * 60_000L;

  private final JsonObject body;
  private final List<FieldError> errors;

  DeploymentRequest(JsonObject body, Set<String> allowed, List<FieldError> errors) {
    this.body = body;
    this.errors = errors;
    for (String key : body.fieldNames()) {
      if (!allowed.contains(key)) {
        errors.add(new FieldError(key, "unknown field; the fields are " + String.join(", ", allowed.stream().sorted().toList())));
      }
    }
  }

  String requiredText(String key) {
    if (body.getValue(key) == null) {
      errors.add(new FieldError(key, "is required"));
      return "";
    }
    return text(key);
  }

  String text(String key) {
    Object value = body.getValue(key);
    if (value == null) {
      return "";
    }
    if (!(value instanceof String text) || text.isBlank() || text.length() > MAX_TEXT) {
      errors.add(new FieldError(key, "must be text of 1 to " + MAX_TEXT + " characters"));
      return "";
    }
    return text.strip();
  }

  String id(String key) {
    Object value = body.getValue(key);
    if (value == null) {
      return "";
    }
    if (!(value instanceof String text) || !ID.matcher(text).matches()) {
      errors.add(new FieldError(key, "must be 1 to 128 letters, digits or . _ : @ / -"));
      return "";
    }
    return text;
  }

  /** An instant, or {@code otherwise} when absent; -1 when bad (the error is kept). */
  long time(String key, long otherwise, long nowMillis) {
    Object value = body.getValue(key);
    if (value == null) {
      return otherwise;
    }
    long millis;
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue()) && number.longValue() > 0) {
      millis = number.longValue();
    } else if (value instanceof String text) {
      try {
        millis = Instant.parse(text.strip()).toEpochMilli();
      } catch (DateTimeParseException e) {
        errors.add(new FieldError(key, "must be an ISO-8601 instant such as 2026-12-01T10:15:00Z, or epoch milliseconds"));
        return -1;
      }
    } else {
      errors.add(new FieldError(key, "must be an ISO-8601 instant such as 2026-12-01T10:15:00Z, or epoch milliseconds"));
      return -1;
    }
    if (millis > nowMillis + MAX_FUTURE_MILLIS) {
      errors.add(new FieldError(key, "is more than 5 minutes in the future"));
      return -1;
    }
    return millis;
  }
}
