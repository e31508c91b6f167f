package io.vigil.ingest.push;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Reads typed fields of one pushed item, collecting a {@link FieldError} for each bad one. */
final class JsonFields {

  private final JsonObject json;
  private final String path;
  private final List<FieldError> errors;

  JsonFields(JsonObject json, String path, List<FieldError> errors) {
    this.json = json;
    this.path = path;
    this.errors = errors;
  }

  /** A required string of 1 to {@code maxLength} characters, or null after recording the error. */
  String requiredString(String name, int maxLength) {
    Object value = json.getValue(name);
    if (value == null) {
      return fail(name, "is required");
    }
    if (!(value instanceof String)) {
      return fail(name, "must be a string");
    }
    String text = (String) value;
    if (text.isEmpty()) {
      return fail(name, "must not be empty");
    }
    if (text.length() > maxLength) {
      return fail(name, "must be at most " + maxLength + " characters");
    }
    return text;
  }

  /** An optional string of at most {@code maxLength} characters, {@code fallback} when absent. */
  String optionalString(String name, int maxLength, String fallback) {
    Object value = json.getValue(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String)) {
      return fail(name, "must be a string");
    }
    if (((String) value).length() > maxLength) {
      return fail(name, "must be at most " + maxLength + " characters");
    }
    return (String) value;
  }

  /** A required name: a string as {@link #requiredString} that also follows {@link NameText}. */
  String requiredName(String name, int maxLength) {
    return checkedName(name, requiredString(name, maxLength));
  }

  /** An optional name: a string as {@link #optionalString} that also follows {@link NameText}. */
  String optionalName(String name, int maxLength, String fallback) {
    return checkedName(name, optionalString(name, maxLength, fallback));
  }

  private String checkedName(String name, String text) {
    String problem = text == null ? null : NameText.problem(text);
    return problem == null ? text : fail(name, problem);
  }

  /** A required finite number, or NaN after recording the error. */
  double finiteNumber(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      fail(name, "is required");
      return Double.NaN;
    }
    if (!(value instanceof Number)) {
      fail(name, "must be a number");
      return Double.NaN;
    }
    double number = ((Number) value).doubleValue();
    if (!Double.isFinite(number)) {
      fail(name, "must be a finite number");
      return Double.NaN;
    }
    return number;
  }

  /**
   * A required timestamp, as ISO-8601 text or epoch milliseconds, no later than the clock plus
   * {@code maxFutureSkewMillis}; -1 after recording the error.
   */
  long timestamp(String name, Clock clock, long maxFutureSkewMillis) {
    Object value = json.getValue(name);
    long millis;
    if (value == null) {
      fail(name, "is required");
      return -1;
    } else if (value instanceof Number) {
      Long whole = wholeLong((Number) value);
      if (whole == null) {
        return outOfRange(name, (Number) value);
      }
      millis = whole;
    } else if (value instanceof String) {
      try {
        millis = parseInstant((String) value).toEpochMilli();
      } catch (DateTimeException | ArithmeticException e) {
        fail(name, "must be ISO-8601 text such as 2026-11-29T10:00:00Z, or epoch milliseconds");
        return -1;
      }
    } else {
      fail(name, "must be ISO-8601 text or epoch milliseconds");
      return -1;
    }
    if (millis < 0) {
      fail(name, "must not be before 1970-01-01T00:00:00Z");
      return -1;
    }
    long latest = clock.millis() + maxFutureSkewMillis;
    if (millis > latest) {
      fail(name, "must not be more than " + maxFutureSkewMillis / 1000 + " s in the future (latest accepted: " + Instant.ofEpochMilli(latest) + ")");
      return -1;
    }
    return millis;
  }

  /**
   * The number as a long if it is whole and fits, else null. Jackson gives integers beyond a long as
   * BigInteger, whose longValue() keeps only the low 64 bits: 2^64 + t would become t.
   */
  private static Long wholeLong(Number number) {
    if (number instanceof Integer || number instanceof Long) {
      return number.longValue();
    }
    BigDecimal exact = number instanceof BigInteger big ? new BigDecimal(big)
        : number instanceof BigDecimal decimal ? decimal
        : Double.isFinite(number.doubleValue()) ? BigDecimal.valueOf(number.doubleValue()) : null;
    if (exact == null) {
      return null;
    }
    try {
      return exact.longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private long outOfRange(String name, Number value) {
    String shown = value instanceof BigInteger || value instanceof BigDecimal ? value.toString() : String.valueOf(value);
    fail(name, "must be whole epoch milliseconds from 0 to " + Long.MAX_VALUE + " or ISO-8601 text, was " + shown);
    return -1;
  }

  JsonObject optionalObject(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject)) {
      fail(name, "must be an object");
      return null;
    }
    return (JsonObject) value;
  }

  String pathOf(String name) {
    return path + "." + name;
  }

  <T> T fail(String name, String message) {
    errors.add(new FieldError(pathOf(name), message));
    return null;
  }

  private static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      return OffsetDateTime.parse(text).toInstant();
    }
  }
}
