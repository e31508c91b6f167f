package io.vigil.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vigil.model.MetricPoint;
import io.vigil.model.ScoredPoint;
import io.vigil.model.SeriesKey;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import io.vigil.model.WireBatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Record values: CBOR on the point topics, JSON elsewhere, both read back alike, and bad bytes read as no value rather than a thrown error. */
class RecordValueCodecTest {

  private static final SeriesKey SERIES = SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", "api", "ClusterName", "prod"));

  private final RecordValueSerializer serializer = new RecordValueSerializer(true);
  private final RecordValueDeserializer deserializer = new RecordValueDeserializer();

  @Test
  void aBatchOfPointsComesBackExactlyThroughCbor() {
    List<MetricPoint> points = List.of(new MetricPoint(SERIES, 1_764_547_200_000L, 41.123456789, "Percent"),
        new MetricPoint(SERIES, 1_764_547_260_000L, -0.0, "Percent").asHistory(),
        new MetricPoint(SERIES, 1_764_547_320_000L, 1e-300, "Percent"));

    byte[] bytes = serializer.serialize(Topics.POINTS, WireBatch.ofPoints(points));

    assertThat(RecordValueSerializer.isCbor(bytes)).isTrue();
    assertThat(WireBatch.points(deserializer.deserialize(Topics.POINTS, bytes)).stream().map(Wire::point).toList())
        .containsExactlyElementsOf(points);
  }

  @Test
  void scoredPointsComeBackExactlyAndTakeFewerBytesThanJson() {
    List<ScoredPoint> scores = List.of(new ScoredPoint(SERIES, "api", 1_764_547_200_000L, 41.5, 0.125, 38.25, 44.75, "default"),
        ScoredPoint.late(SERIES, "api", 1_764_547_100_000L, 40));
    JsonObject batch = WireBatch.ofScoredPoints(scores);

    byte[] bytes = serializer.serialize(Topics.SCORES, batch);

    assertThat(WireBatch.scoredPoints(deserializer.deserialize(Topics.SCORES, bytes)).stream().map(Wire::scoredPoint).toList())
        .containsExactlyElementsOf(scores);
    assertThat(bytes.length).isLessThan(batch.encode().getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void otherTopicsStayJsonText() {
    JsonObject value = new JsonObject().put("id", "a1").put("value", 2.5);

    byte[] bytes = serializer.serialize(Topics.ANOMALIES, value);

    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(value.encode());
    assertThat(deserializer.deserialize(Topics.ANOMALIES, bytes)).isEqualTo(value);
  }

  @Test
  void olderJsonRecordsOnThePointTopicsStillRead() {
    MetricPoint point = new MetricPoint(SERIES, 60_000, 4.5, "Percent");

    JsonObject read = deserializer.deserialize(Topics.POINTS, Wire.point(point).encode().getBytes(StandardCharsets.UTF_8));

    assertThat(WireBatch.points(read).stream().map(Wire::point).toList()).containsExactly(point);
  }

  @Test
  void badBytesReadAsNoValueInsteadOfStoppingTheConsumer() {
    assertThat(deserializer.deserialize(Topics.POINTS, "\u0001 not json".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(deserializer.deserialize(Topics.POINTS, new byte[] {(byte) 0xd9, (byte) 0xd9, (byte) 0xf7, (byte) 0xa1})).as("truncated CBOR").isNull();
    assertThat(deserializer.deserialize(Topics.POINTS, new byte[] {(byte) 0xd9, (byte) 0xd9, (byte) 0xf7, 0x01})).as("CBOR that is no object").isNull();
    assertThat(deserializer.deserialize(Topics.POINTS, "[1,2]".getBytes(StandardCharsets.UTF_8))).as("JSON that is no object").isNull();
    assertThat(deserializer.deserialize(Topics.POINTS, null)).isNull();
    assertThat(serializer.serialize(Topics.POINTS, null)).isNull();
  }
}
