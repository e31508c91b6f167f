package io.vigil.ingest.push;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.model.MetricPoint;
import io.vigil.model.SeriesKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses a pushed batch of metric points, {@code {"points":[{namespace, metric, dimensions,
 * timestamp, value, unit}], "history": false}}, applying CloudWatch's limits on names and
 * dimensions. A batch that declares {@code "history": true} (a replay, a backfill) is scored like
 * any other but never pages.
 */
public final class MetricBatchParser {

  static final int MAX_NAME_LENGTH = 255;
  static final int MAX_DIMENSIONS = 30;
  static final int MAX_DIMENSION_VALUE_LENGTH = 1024;

  private final Clock clock;
  private final int maxPoints;
  private final long maxFutureSkewMillis;

  public MetricBatchParser(Clock clock, int maxPoints, long maxFutureSkewMillis) {
    this.clock = clock;
    this.maxPoints = maxPoints;
    this.maxFutureSkewMillis = maxFutureSkewMillis;
  }

  /** The most points one request may carry. */
  public int maxPoints() {
    return maxPoints;
  }

  public ParsedBatch<MetricPoint> parse(JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    Object pointsValue = body.getValue("points");
    if (!(pointsValue instanceof JsonArray)) {
      errors.add(new FieldError("points", pointsValue == null ? "is required" : "must be an array"));
      return new ParsedBatch<>(List.of(), errors);
    }
    JsonArray array = (JsonArray) pointsValue;
    if (array.isEmpty()) {
      errors.add(new FieldError("points", "must hold at least one point"));
    }
    List<MetricPoint> points = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String path = "points[" + i + "]";
      Object item = array.getValue(i);
      if (!(item instanceof JsonObject)) {
        errors.add(new FieldError(path, "must be an object"));
        continue;
      }
      MetricPoint point = parsePoint((JsonObject) item, path, errors);
      if (point != null) {
        points.add(point);
      }
    }
    Object historyValue = body.getValue("history");
    if (historyValue != null && !(historyValue instanceof Boolean)) {
      errors.add(new FieldError("history", "must be true or false"));
    }
    for (String name : body.fieldNames()) {
      if (!name.equals("points") && !name.equals("history")) {
        errors.add(new FieldError(name, "unknown field"));
      }
    }
    if (!errors.isEmpty()) {
      return new ParsedBatch<>(List.of(), errors);
    }
    return new ParsedBatch<>(Boolean.TRUE.equals(historyValue) ? points.stream().map(MetricPoint::asHistory).toList() : points, List.of());
  }

  private MetricPoint parsePoint(JsonObject json, String path, List<FieldError> errors) {
    int errorsBefore = errors.size();
    JsonFields fields = new JsonFields(json, path, errors);
    String namespace = fields.requiredName("namespace", MAX_NAME_LENGTH);
    String metric = fields.requiredName("metric", MAX_NAME_LENGTH);
    Map<String, String> dimensions = dimensions(fields);
    long timestamp = fields.timestamp("timestamp", clock, maxFutureSkewMillis);
    double value = fields.finiteNumber("value");
    String unit = fields.optionalName("unit", MAX_NAME_LENGTH, "None");
    for (String name : json.fieldNames()) {
      if (!List.of("namespace", "metric", "dimensions", "timestamp", "value", "unit").contains(name)) {
        fields.fail(name, "unknown field");
      }
    }
    if (errors.size() > errorsBefore) {
      return null;
    }
    return new MetricPoint(SeriesKey.of(namespace, metric, dimensions), timestamp, value, unit);
  }

  private static Map<String, String> dimensions(JsonFields fields) {
    JsonObject json = fields.optionalObject("dimensions");
    if (json == null) {
      return null;
    }
    if (json.size() > MAX_DIMENSIONS) {
      return fields.fail("dimensions", "must have at most " + MAX_DIMENSIONS + " entries");
    }
    Map<String, String> dimensions = new TreeMap<>();
    for (Map.Entry<String, Object> entry : json) {
      String field = "dimensions." + entry.getKey();
      if (entry.getKey().isEmpty() || entry.getKey().length() > MAX_NAME_LENGTH) {
        fields.fail(field, "names must be 1 to " + MAX_NAME_LENGTH + " characters");
      } else if (!(entry.getValue() instanceof String) || ((String) entry.getValue()).isEmpty()) {
        fields.fail(field, "must be a non-empty string");
      } else if (((String) entry.getValue()).length() > MAX_DIMENSION_VALUE_LENGTH) {
        fields.fail(field, "must be at most " + MAX_DIMENSION_VALUE_LENGTH + " characters");
      } else if (NameText.problem(entry.getKey()) != null) {
        fields.fail(field, "name " + NameText.problem(entry.getKey()));
      } else if (NameText.problem((String) entry.getValue()) != null) {
        fields.fail(field, NameText.problem((String) entry.getValue()));
      } else {
        dimensions.put(entry.getKey(), (String) entry.getValue());
      }
    }
    return dimensions;
  }
}
