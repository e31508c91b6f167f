package io.vigil.ingest.push;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.model.LogEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Parses a pushed batch of log events, {@code {"events":[{logGroup, logStream, timestamp, message,
 * id?}]}}. An event without an id gets one derived from its content and its place among equal
 * events of the batch, so a retried request yields the same ids.
 */
public final class LogBatchParser {

  static final int MAX_GROUP_LENGTH = 512;
  static final int MAX_MESSAGE_LENGTH = 256 * 1024;

  private final Clock clock;
  private final int maxEvents;
  private final long maxFutureSkewMillis;

  public LogBatchParser(Clock clock, int maxEvents, long maxFutureSkewMillis) {
    this.clock = clock;
    this.maxEvents = maxEvents;
    this.maxFutureSkewMillis = maxFutureSkewMillis;
  }

  public int maxEvents() {
    return maxEvents;
  }

  public ParsedBatch<LogEvent> parse(JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    Object eventsValue = body.getValue("events");
    if (!(eventsValue instanceof JsonArray)) {
      errors.add(new FieldError("events", eventsValue == null ? "is required" : "must be an array"));
      return new ParsedBatch<>(List.of(), errors);
    }
    JsonArray array = (JsonArray) eventsValue;
    if (array.isEmpty()) {
      errors.add(new FieldError("events", "must hold at least one event"));
    }
    Map<String, Integer> occurrences = new HashMap<>();
    List<LogEvent> events = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String path = "events[" + i + "]";
      Object item = array.getValue(i);
      if (!(item instanceof JsonObject)) {
        errors.add(new FieldError(path, "must be an object"));
        continue;
      }
      int errorsBefore = errors.size();
      JsonFields fields = new JsonFields((JsonObject) item, path, errors);
      String group = fields.requiredName("logGroup", MAX_GROUP_LENGTH);
      String stream = fields.optionalName("logStream", MAX_GROUP_LENGTH, "");
      long timestamp = fields.timestamp("timestamp", clock, maxFutureSkewMillis);
      String message = fields.optionalString("message", MAX_MESSAGE_LENGTH, null);
      if (message == null && ((JsonObject) item).getValue("message") == null) {
        fields.fail("message", "is required");
      }
      String id = fields.optionalName("id", MAX_GROUP_LENGTH, null);
      for (String name : ((JsonObject) item).fieldNames()) {
        if (!List.of("logGroup", "logStream", "timestamp", "message", "id").contains(name)) {
          fields.fail(name, "unknown field");
        }
      }
      if (errors.size() == errorsBefore) {
        if (id == null || id.isEmpty()) {
          String content = group + '\u0000' + stream + '\u0000' + timestamp + '\u0000' + message;
          int occurrence = occurrences.merge(content, 1, Integer::sum);
          id = contentId(content + '\u0000' + occurrence);
        }
        events.add(new LogEvent(group, stream, timestamp, message, id));
      }
    }
    return errors.isEmpty() ? new ParsedBatch<>(events, List.of()) : new ParsedBatch<>(List.of(), errors);
  }

  static String contentId(String content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return "l-" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
