package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batch records: values come back in order through bytes, single records of older writers still read, bad shapes name the entry. */
class WireBatchTest {

  private static final SeriesKey CPU = SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", "api"));
  private static final SeriesKey MEMORY = SeriesKey.of("AWS/ECS", "MemoryUtilization", Map.of("ServiceName", "api", "ClusterName", "prod"));

  /** What a Kafka consumer hands a stage: the value decoded from its bytes. */
  private static JsonObject throughBytes(JsonObject value) {
    return new JsonObject(Buffer.buffer(value.toBuffer().getBytes()));
  }

  @Test
  void pointsComeBackInOrderThroughTheirBytes() {
    List<MetricPoint> points = List.of(
        new MetricPoint(CPU, 60_000, 41.5, "Percent"),
        new MetricPoint(MEMORY, 60_000, 70, "Percent"),
        new MetricPoint(CPU, 120_000, 43.25, "Percent").asHistory());

    List<MetricPoint> read = WireBatch.points(throughBytes(WireBatch.ofPoints(points))).stream().map(Wire::point).toList();

    assertThat(read).containsExactlyElementsOf(points);
  }

  @Test
  void scoredPointsComeBackInOrderThroughTheirBytes() {
    List<ScoredPoint> points = List.of(
        new ScoredPoint(CPU, "api", 60_000, 41.5, 0.2, 30, 50, "default"),
        ScoredPoint.late(MEMORY, "api", 30_000, 70));

    List<ScoredPoint> read = WireBatch.scoredPoints(throughBytes(WireBatch.ofScoredPoints(points))).stream().map(Wire::scoredPoint).toList();

    assertThat(read).containsExactlyElementsOf(points);
  }

  @Test
  void aSingleRecordOfAnOlderWriterIsOneValue() {
    MetricPoint point = new MetricPoint(CPU, 60_000, 41.5, "Percent");
    ScoredPoint scored = new ScoredPoint(CPU, "api", 60_000, 41.5, 0.2, 30, 50, "default");

    assertThat(WireBatch.points(throughBytes(Wire.point(point))).stream().map(Wire::point).toList()).containsExactly(point);
    assertThat(WireBatch.scoredPoints(throughBytes(Wire.scoredPoint(scored))).stream().map(Wire::scoredPoint).toList()).containsExactly(scored);
  }

  @Test
  void eachEntryIsExactlyTheSingleForm() {
    MetricPoint point = new MetricPoint(CPU, 60_000, 41.5, "Percent");
    assertThat(WireBatch.ofPoints(List.of(point)).getJsonArray(WireBatch.POINTS).getJsonObject(0)).isEqualTo(Wire.point(point));
  }

  @Test
  void aBatchFieldThatIsNotAListOfObjectsIsRefusedNamingTheEntry() {
    assertThatThrownBy(() -> WireBatch.points(new JsonObject().put("points", "many")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("points must be a list");
    assertThatThrownBy(() -> WireBatch.points(new JsonObject().put("points", new JsonArray().add(new JsonObject()).add(7))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("points[1] must be an object");
    assertThatThrownBy(() -> WireBatch.scoredPoints(new JsonObject().put("scores", new JsonArray().addNull())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scores[0] must be an object, not null");
    assertThatThrownBy(() -> WireBatch.points(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no value");
  }

  @Test
  void anEntryMissingItsFieldsFailsAloneWhenRead() {
    JsonObject record = WireBatch.ofPoints(List.of(new MetricPoint(CPU, 60_000, 1, "Percent")));
    record.getJsonArray(WireBatch.POINTS).add(new JsonObject().put("namespace", "AWS/ECS"));

    List<JsonObject> entries = WireBatch.points(throughBytes(record));

    assertThat(Wire.point(entries.get(0)).value()).isEqualTo(1);
    assertThatThrownBy(() -> Wire.point(entries.get(1))).isInstanceOf(RuntimeException.class);
  }

  @Test
  void bytesThatAreNotJsonAreADecodeError() {
    assertThatThrownBy(() -> new JsonObject(Buffer.buffer(new byte[] {(byte) 0xd9, (byte) 0xd9, (byte) 0xf7, 1, 2})))
        .isInstanceOf(DecodeException.class);
  }

  @Test
  void longListsAreChunkedInOrder() {
    List<Integer> values = IntStream.range(0, WireBatch.MAX_ENTRIES * 2 + 3).boxed().toList();

    List<List<Integer>> chunks = WireBatch.chunks(values);

    assertThat(chunks).hasSize(3);
    assertThat(chunks.get(0)).hasSize(WireBatch.MAX_ENTRIES);
    assertThat(chunks.get(2)).containsExactly(WireBatch.MAX_ENTRIES * 2, WireBatch.MAX_ENTRIES * 2 + 1, WireBatch.MAX_ENTRIES * 2 + 2);
    assertThat(chunks.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(values);
    assertThat(WireBatch.chunks(List.of(1, 2))).containsExactly(List.of(1, 2));
  }
}
