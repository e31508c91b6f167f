package io.vigil.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.model.MetricPoint;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MetricBatchParserTest {

  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private final MetricBatchParser parser = new MetricBatchParser(Clock.fixed(NOW, ZoneOffset.UTC), 100, 300_000);

  private static JsonObject point() {
    return new JsonObject()
        .put("namespace", "AWS/ECS")
        .put("metric", "CPUUtilization")
        .put("dimensions", new JsonObject().put("ServiceName", "api").put("ClusterName", "prod"))
        .put("timestamp", "2026-11-29T10:00:00Z")
        .put("value", 42.5)
        .put("unit", "Percent");
  }

  private static JsonObject batch(JsonObject... points) {
    JsonArray array = new JsonArray();
    for (JsonObject point : points) {
      array.add(point);
    }
    return new JsonObject().put("points", array);
  }

  @Test
  void parsesIsoAndEpochTimestamps() {
    ParsedBatch<MetricPoint> parsed = parser.parse(batch(point(), point().put("timestamp", 1_795_910_400_000L)));
    assertThat(parsed.valid()).isTrue();
    assertThat(parsed.items()).extracting(MetricPoint::timestampMillis)
        .containsExactly(Instant.parse("2026-11-29T10:00:00Z").toEpochMilli(), 1_795_910_400_000L);
    MetricPoint first = parsed.items().get(0);
    assertThat(first.series().dimensions()).containsEntry("ServiceName", "api");
    assertThat(first.value()).isEqualTo(42.5);
    assertThat(first.unit()).isEqualTo("Percent");
  }

  @Test
  void namesEveryBadFieldAndKeepsNothing() {
    ParsedBatch<MetricPoint> parsed = parser.parse(batch(
        point(),
        point().put("value", "42"),
        point().remove("metric") == null ? null : point().put("metric", ""),
        point().put("timestamp", "yesterday"),
        point().put("timestamp", NOW.plusSeconds(3600).toString()),
        point().put("dimensions", new JsonObject().put("ServiceName", 7)),
        point().put("extra", true)));
    assertThat(parsed.valid()).isFalse();
    assertThat(parsed.items()).isEmpty();
    assertThat(parsed.errors()).extracting(FieldError::field).containsExactly(
        "points[1].value",
        "points[2].metric",
        "points[3].timestamp",
        "points[4].timestamp",
        "points[5].dimensions.ServiceName",
        "points[6].extra");
    assertThat(parsed.errors().get(3).message()).contains("future");
  }

  @Test
  void missingOrNonFiniteValuesAreRefused() {
    JsonObject missing = point();
    missing.remove("value");
    ParsedBatch<MetricPoint> parsed = parser.parse(batch(missing, point().put("value", Double.POSITIVE_INFINITY)));
    assertThat(parsed.errors()).extracting(FieldError::field, FieldError::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple("points[0].value", "is required"),
        org.assertj.core.groups.Tuple.tuple("points[1].value", "must be a finite number"));
  }

  @Test
  void refusesBodiesWithoutAPointsArray() {
    assertThat(parser.parse(new JsonObject()).errors()).extracting(FieldError::field).containsExactly("points");
    assertThat(parser.parse(new JsonObject().put("points", "many")).errors()).extracting(FieldError::message).containsExactly("must be an array");
    assertThat(parser.parse(new JsonObject().put("points", new JsonArray())).errors()).extracting(FieldError::message).containsExactly("must hold at least one point");
    assertThat(parser.parse(new JsonObject().put("points", new JsonArray().add(3))).errors()).extracting(FieldError::field).containsExactly("points[0]");
  }

  @Test
  void fractionalEpochMillisAndNegativeTimesAreRefused() {
    ParsedBatch<MetricPoint> parsed = parser.parse(batch(point().put("timestamp", 1.5), point().put("timestamp", -1)));
    assertThat(parsed.errors()).extracting(FieldError::field).containsExactly("points[0].timestamp", "points[1].timestamp");
  }

  /** The error for a timestamp written as raw JSON text, decoded the way a request body is. */
  private FieldError timestampError(String rawTimestamp) {
    JsonObject body = new JsonObject("{\"points\":[" + point().encode().replace("\"2026-11-29T10:00:00Z\"", rawTimestamp) + "]}");
    ParsedBatch<MetricPoint> parsed = parser.parse(body);
    assertThat(parsed.items()).as(rawTimestamp).isEmpty();
    assertThat(parsed.errors()).as(rawTimestamp).singleElement().extracting(FieldError::field).isEqualTo("points[0].timestamp");
    return parsed.errors().get(0);
  }

  @Test
  void integersBeyondALongAreOutOfRangeNotWrapped() {
    java.math.BigInteger twoTo64 = java.math.BigInteger.ONE.shiftLeft(64);
    java.math.BigInteger t = java.math.BigInteger.valueOf(NOW.toEpochMilli() - 60_000);
    assertThat(timestampError(twoTo64.add(t).toString()).message()).contains("from 0 to 9223372036854775807").contains(twoTo64.add(t).toString());
    assertThat(timestampError(twoTo64.negate().add(t).toString()).message()).contains("from 0 to 9223372036854775807");
    assertThat(timestampError(java.math.BigInteger.ONE.shiftLeft(63).toString()).message()).contains("from 0 to 9223372036854775807");
    assertThat(timestampError("1e30").message()).contains("from 0 to 9223372036854775807");
  }

  @Test
  void theLargestLongIsInTheFutureAndANegativeOneBefore1970() {
    assertThat(timestampError(String.valueOf(Long.MAX_VALUE)).message()).contains("future");
    assertThat(timestampError("-1").message()).contains("before 1970");
    assertThat(timestampError(String.valueOf(Long.MIN_VALUE)).message()).contains("before 1970");
  }

  @Test
  void aBatchDeclaredHistoryMarksEveryPointAndOnlyABooleanIsAccepted() {
    assertThat(parser.parse(batch(point())).items()).noneMatch(MetricPoint::history);
    ParsedBatch<MetricPoint> history = parser.parse(batch(point(), point().put("value", 1)).put("history", true));
    assertThat(history.items()).hasSize(2).allMatch(MetricPoint::history);
    assertThat(parser.parse(batch(point()).put("history", false)).items()).noneMatch(MetricPoint::history);
    ParsedBatch<MetricPoint> bad = parser.parse(batch(point()).put("history", "yes"));
    assertThat(bad.valid()).isFalse();
    assertThat(bad.errors()).extracting(FieldError::field).containsExactly("history");
  }
}
