package io.vigil.alerting;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.ingest.push.FieldError;
import io.vigil.ingest.push.NameText;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A silence: alerts whose labels match every matcher are not notified between start and end.
 *
 * @param reminded whether the reminder before the end of a long silence was sent
 */
public record Silence(
    String id,
    List<LabelMatcher> matchers,
    long startsAtMillis,
    long endsAtMillis,
    String comment,
    String author,
    long createdAtMillis,
    boolean reminded) {

  private static final Set<String> FIELDS = Set.of("matchers", "startsAt", "endsAt", "comment", "author");
  private static final long MAX_LENGTH_MILLIS = 366L * 86_400_000L;

  /** A parsed silence, or the reasons there is none. */
  public record Result(Silence silence, List<FieldError> errors) {}

  public Silence {
    matchers = List.copyOf(matchers);
  }

  public boolean activeAt(long nowMillis) {
    return startsAtMillis <= nowMillis && nowMillis < endsAtMillis;
  }

  public boolean matches(Map<String, String> labels) {
    return matchers.stream().allMatch(matcher -> matcher.matches(labels));
  }

  public Silence withReminded() {
    return new Silence(id, matchers, startsAtMillis, endsAtMillis, comment, author, createdAtMillis, true);
  }

  public Silence endingAt(long nowMillis) {
    return new Silence(id, matchers, startsAtMillis, Math.min(endsAtMillis, nowMillis), comment, author, createdAtMillis, reminded);
  }

  public String state(long nowMillis) {
    return nowMillis < startsAtMillis ? "pending" : nowMillis < endsAtMillis ? "active" : "expired";
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    matchers.forEach(matcher -> array.add(matcher.toJson()));
    return new JsonObject()
        .put("id", id)
        .put("matchers", array)
        .put("startsAt", Instant.ofEpochMilli(startsAtMillis).toString())
        .put("endsAt", Instant.ofEpochMilli(endsAtMillis).toString())
        .put("comment", comment)
        .put("author", author)
        .put("createdAtMillis", createdAtMillis)
        .put("reminded", reminded);
  }

  /** Reads a stored silence (trusted). */
  public static Silence fromJson(JsonObject json) {
    List<LabelMatcher> matchers = new ArrayList<>();
    json.getJsonArray("matchers").forEach(item -> matchers.add(LabelMatcher.fromJson((JsonObject) item)));
    return new Silence(json.getString("id"), matchers, Instant.parse(json.getString("startsAt")).toEpochMilli(),
        Instant.parse(json.getString("endsAt")).toEpochMilli(), json.getString("comment", ""), json.getString("author", ""),
        json.getLong("createdAtMillis", 0L), json.getBoolean("reminded", false));
  }

  /** Validates a silence from the API; startsAt defaults to now. */
  public static Result parse(JsonObject json, String id, long nowMillis) {
    List<FieldError> errors = new ArrayList<>();
    for (String key : json.fieldNames()) {
      if (!FIELDS.contains(key)) {
        errors.add(new FieldError(key, "unknown field; allowed: " + String.join(", ", new TreeSet<>(FIELDS))));
      }
    }
    List<LabelMatcher> matchers = new ArrayList<>();
    Object value = json.getValue("matchers");
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      errors.add(new FieldError("matchers", "must be a non-empty list of {name, value, isRegex, isEqual}"));
    } else {
      for (int i = 0; i < array.size(); i++) {
        Object item = array.getValue(i);
        try {
          LabelMatcher matcher;
          if (item instanceof JsonObject object) {
            matcher = LabelMatcher.fromJson(object);
          } else if (item instanceof String text) {
            matcher = LabelMatcher.parse(text);
          } else {
            throw new IllegalArgumentException("must be {name, value, isRegex, isEqual} or text such as service=api");
          }
          // The label names are held to a pattern by LabelMatcher; values are free text but still names.
          String problem = NameText.problem(matcher.value());
          if (problem != null) {
            throw new IllegalArgumentException("value " + problem);
          }
          matchers.add(matcher);
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError("matchers[" + i + "]", e.getMessage()));
        }
      }
      if (errors.isEmpty() && matchers.stream().allMatch(matcher -> matcher.matches(Map.of()))) {
        errors.add(new FieldError("matchers", "must not all match the empty label set (that would silence everything)"));
      }
    }
    long startsAt = instant(json, "startsAt", nowMillis, errors);
    long endsAt = instant(json, "endsAt", -1, errors);
    if (endsAt == -1 && !json.containsKey("endsAt")) {
      errors.add(new FieldError("endsAt", "is required"));
    } else if (endsAt >= 0 && startsAt >= 0) {
      if (endsAt <= startsAt) {
        errors.add(new FieldError("endsAt", "must be after startsAt"));
      } else if (endsAt <= nowMillis) {
        errors.add(new FieldError("endsAt", "must be in the future"));
      } else if (endsAt - startsAt > MAX_LENGTH_MILLIS) {
        errors.add(new FieldError("endsAt", "must be at most 366 days after startsAt"));
      }
    }
    String comment = requiredText(json, "comment", errors);
    String author = requiredText(json, "author", errors);
    if (!errors.isEmpty()) {
      return new Result(null, List.copyOf(errors));
    }
    return new Result(new Silence(id, matchers, startsAt, endsAt, comment, author, nowMillis, false), List.of());
  }

  private static long instant(JsonObject json, String key, long fallback, List<FieldError> errors) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof String text) {
      try {
        return Instant.parse(text).toEpochMilli();
      } catch (DateTimeParseException e) {
        // fall through
      }
    }
    errors.add(new FieldError(key, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z"));
    return -2;
  }

  private static String requiredText(JsonObject json, String key, List<FieldError> errors) {
    Object value = json.getValue(key);
    if (!(value instanceof String) || ((String) value).isBlank() || ((String) value).length() > 2000) {
      errors.add(new FieldError(key, "is required: non-empty text of at most 2000 characters"));
      return null;
    }
    return (String) value;
  }
}
