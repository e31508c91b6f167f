package io.vigil.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Several values of one partition in one Kafka record: {@code {"points":[...]}} on
 * {@code vigil.points} and {@code {"scores":[...]}} on {@code vigil.scores}, each entry exactly the
 * {@link Wire} form of one value. Kafka's cost is per record as much as per byte, so a record that
 * carries tens of points moves them for the price of one; the entries keep the order they were
 * written in, so a series' points stay in time order. Readers take both shapes: a record without
 * the batch field is one value, as every record was before batches.
 */
public final class WireBatch {

  /** The field of a batch of points. */
  public static final String POINTS = "points";

  /** The field of a batch of scored points. */
  public static final String SCORES = "scores";

  /**
   * At most this many values go into one record: a few hundred points are tens of kilobytes,
   * well under Kafka's default 1 MB record limit, and still few records per request.
   */
  public static final int MAX_ENTRIES = 500;

  private WireBatch() {}

  /** One record's value carrying {@code points}, in order. */
  public static JsonObject ofPoints(List<MetricPoint> points) {
    JsonArray entries = new JsonArray(new ArrayList<>(points.size()));
    points.forEach(point -> entries.add(Wire.point(point)));
    return new JsonObject().put(POINTS, entries);
  }

  /** One record's value carrying {@code points}, in order. */
  public static JsonObject ofScoredPoints(List<ScoredPoint> points) {
    JsonArray entries = new JsonArray(new ArrayList<>(points.size()));
    points.forEach(point -> entries.add(Wire.scoredPoint(point)));
    return new JsonObject().put(SCORES, entries);
  }

  /**
   * The point entries of a record on {@code vigil.points}, each for {@link Wire#point(JsonObject)}:
   * the batch's entries, or the record itself when it is a single point.
   *
   * @throws IllegalArgumentException naming the entry, when the batch field is not a list of objects
   */
  public static List<JsonObject> points(JsonObject record) {
    return entries(record, POINTS);
  }

  /** The scored-point entries of a record on {@code vigil.scores}, as {@link #points} does for points. */
  public static List<JsonObject> scoredPoints(JsonObject record) {
    return entries(record, SCORES);
  }

  /** Splits a list in chunks of at most {@link #MAX_ENTRIES}, in order, for one record each. */
  public static <T> List<List<T>> chunks(List<T> values) {
    if (values.size() <= MAX_ENTRIES) {
      return List.of(values);
    }
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < values.size(); from += MAX_ENTRIES) {
      chunks.add(values.subList(from, Math.min(values.size(), from + MAX_ENTRIES)));
    }
    return chunks;
  }

  private static List<JsonObject> entries(JsonObject record, String field) {
    if (record == null) {
      throw new IllegalArgumentException("the record has no value");
    }
    Object batch = record.getValue(field);
    if (batch == null) {
      return List.of(record);
    }
    if (!(batch instanceof JsonArray array)) {
      throw new IllegalArgumentException(field + " must be a list, not " + batch.getClass().getSimpleName());
    }
    List<JsonObject> entries = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Object entry = array.getValue(i);
      if (!(entry instanceof JsonObject object)) {
        throw new IllegalArgumentException(field + "[" + i + "] must be an object, not " + (entry == null ? "null" : entry.getClass().getSimpleName()));
      }
      entries.add(object);
    }
    return entries;
  }
}
