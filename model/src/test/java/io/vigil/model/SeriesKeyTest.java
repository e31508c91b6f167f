package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesKeyTest {

  @Test
  void idIsStableAndIndependentOfDimensionOrder() {
    Map<String, String> forward = new LinkedHashMap<>();
    forward.put("ClusterName", "prod");
    forward.put("ServiceName", "api");
    Map<String, String> backward = new LinkedHashMap<>();
    backward.put("ServiceName", "api");
    backward.put("ClusterName", "prod");
    SeriesKey a = SeriesKey.of("AWS/ECS", "CPUUtilization", forward);
    SeriesKey b = SeriesKey.of("AWS/ECS", "CPUUtilization", backward);
    assertThat(a.id()).isEqualTo(b.id()).matches("s-[0-9a-f]{16}");
    assertThat(a.canonical()).isEqualTo("AWS/ECS:CPUUtilization{ClusterName=prod,ServiceName=api}");
    // Pinned: the id is the Kafka key, so changing how it is derived would move every series.
    assertThat(SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of()).id()).isEqualTo("s-32e5e19b1f31757e");
    assertThat(a.id()).isEqualTo("s-03ecbf783ae5ba79");
  }

  @Test
  void separatorsInsideNamesCannotMakeTwoKeysCollide() {
    SeriesKey one = SeriesKey.of("A", "m", Map.of("k", "v,x=y"));
    SeriesKey two = SeriesKey.of("A", "m", Map.of("k", "v", "x", "y"));
    assertThat(one.canonical()).isEqualTo(two.canonical());
    assertThat(one.id()).isNotEqualTo(two.id());
  }

  @Test
  void wireFormRoundTrips() {
    SeriesKey series = SeriesKey.of("AWS/RDS", "CPUUtilization", Map.of("DBInstanceIdentifier", "db-1"));
    Anomaly anomaly = new Anomaly(Anomaly.idFor(series.id(), 1000), series, "db-1", 1000, 99.5, 0.97, 10, 40, Severity.WARNING, "level");
    assertThat(Wire.anomaly(Wire.anomaly(anomaly))).isEqualTo(anomaly);
    ScoredPoint point = new ScoredPoint(series, "db-1", 1000, 99.5, 0.97, 10, 40, "level");
    assertThat(Wire.scoredPoint(Wire.scoredPoint(point))).isEqualTo(point);
    MetricPoint metric = new MetricPoint(series, 1000, 99.5, "Percent");
    assertThat(Wire.point(Wire.point(metric))).isEqualTo(metric);
    LogEvent event = new LogEvent("/ecs/api", "s1", 1000, "hello", "l-1");
    assertThat(Wire.logEvent(Wire.logEvent(event))).isEqualTo(event);
  }

  @Test
  void theIdIsComputedOnceAndKeysStayValues() {
    SeriesKey key = SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", "api"));
    assertThat(key.id()).isSameAs(key.id());
    SeriesKey same = SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", "api"));
    same.id();
    assertThat(same).isEqualTo(key).hasSameHashCodeAs(key);
    assertThat(key).isNotEqualTo(SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", "web")));
  }

  @Test
  void aPointReadBackKeepsTheIdItWasWrittenWithInsteadOfHashingAgain() {
    SeriesKey written = SeriesKey.of("AWS/ECS", "MemoryUtilization", Map.of("ServiceName", "api", "ClusterName", "prod"));
    MetricPoint read = Wire.point(Wire.point(new MetricPoint(written, 60_000, 41.5, "Percent")));
    assertThat(read.series()).isEqualTo(written);
    assertThat(read.series().id()).isEqualTo(written.id()).isSameAs(Wire.point(new MetricPoint(written, 60_000, 41.5, "Percent")).getString("seriesId"));

    // The taken id is the one written: a writer's (wrong) id shows, proving it was not computed.
    JsonObject relabelled = Wire.point(new MetricPoint(written, 60_000, 41.5, "Percent")).put("seriesId", "s-00000000000000ff");
    assertThat(Wire.point(relabelled).series().id()).isEqualTo("s-00000000000000ff");
  }

  @Test
  void anIdOfAnotherShapeIsComputedFromTheKey() {
    SeriesKey written = SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", "api"));
    for (Object id : new Object[] {"", "s-123", "s-00000000000000FF", "x-00000000000000ff", "s-00000000000000fff", 42}) {
      JsonObject json = Wire.point(new MetricPoint(written, 60_000, 1, "Percent")).put("seriesId", id);
      assertThat(Wire.point(json).series().id()).as("seriesId %s", id).isEqualTo(written.id());
    }
    JsonObject none = Wire.point(new MetricPoint(written, 60_000, 1, "Percent"));
    none.remove("seriesId");
    assertThat(Wire.point(none).series().id()).isEqualTo(written.id());
  }
}
