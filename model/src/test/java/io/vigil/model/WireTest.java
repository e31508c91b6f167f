package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values survive their wire form: the history mark and the cadence on points and anomalies (records written without them read as live, cadence unknown), and deployment events. */
class WireTest {

  private static final SeriesKey SERIES = SeriesKey.of("AWS/RDS", "CPUUtilization", Map.of("DBInstanceIdentifier", "orders-db"));

  @Test
  void aHistoryPointKeepsItsMarkAndALivePointReadsAsBefore() {
    MetricPoint live = new MetricPoint(SERIES, 1_000, 4.5, "Percent");
    assertThat(Wire.point(live).containsKey("history")).isFalse();
    assertThat(Wire.point(Wire.point(live))).isEqualTo(live);
    MetricPoint history = live.asHistory();
    assertThat(Wire.point(history).getBoolean("history")).isTrue();
    assertThat(Wire.point(Wire.point(history))).isEqualTo(history);
  }

  @Test
  void anAnomalyCarriesItsCadenceAndHistoryMarkAndAnOldRecordReadsWithout() {
    ScoredPoint scored = new ScoredPoint(SERIES, "orders-db", 300_000, 95, 0.99, 40, 45, "level");
    Anomaly anomaly = Anomaly.of(scored, Severity.CRITICAL).withOrigin(300_000, true);
    JsonObject json = Wire.anomaly(anomaly);
    assertThat(json.getLong("periodMillis")).isEqualTo(300_000);
    assertThat(json.getBoolean("history")).isTrue();
    assertThat(Wire.anomaly(json)).isEqualTo(anomaly);

    JsonObject old = json.copy();
    old.remove("periodMillis");
    old.remove("history");
    Anomaly read = Wire.anomaly(old);
    assertThat(read.periodMillis()).isZero();
    assertThat(read.history()).isFalse();
    assertThat(Wire.anomaly(Anomaly.of(scored, Severity.CRITICAL)).fieldNames()).doesNotContain("periodMillis", "history");
  }

  @Test
  void aDeploymentEventSurvivesItsWireFormAndEmptyFieldsReadAsEmpty() {
    DeploymentEvent event = new DeploymentEvent("ev-1", "ecs-svc/7730", "api", DeploymentEvent.Kind.TASK_FAILED, 1_700_000_000_000L,
        "ecs", "api:42", null, null, "arn:aws:ecs:us-east-1:123456789012:task-definition/api:42", "PRIMARY", "task failed ELB health checks");

    JsonObject json = Wire.deploymentEvent(event);

    assertThat(json.getString("kind")).isEqualTo("task-failed");
    assertThat(json.getString("commit")).isEmpty();
    assertThat(Wire.deploymentEvent(new JsonObject(json.encode()))).isEqualTo(event);
  }
}
