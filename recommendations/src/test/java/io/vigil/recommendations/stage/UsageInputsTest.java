package io.vigil.recommendations.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.LogEvent;
import io.vigil.model.MetricPoint;
import io.vigil.model.SeriesKey;
import io.vigil.recommendations.CostModel;
import io.vigil.recommendations.FargateSize;
import io.vigil.recommendations.ServiceUsage;
import io.vigil.recommendations.TaskSize;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageInputsTest {

  private static MetricPoint point(String namespace, String metric, Map<String, String> dimensions, double value) {
    return new MetricPoint(SeriesKey.of(namespace, metric, dimensions), 1000, value, "Percent");
  }

  @Test
  void onlyEcsServiceUtilisationIsEvidence() {
    Map<String, String> service = Map.of("ClusterName", "prod", "ServiceName", "worker");
    assertThat(UsageInputs.of(point("AWS/ECS", "CPUUtilization", service, 40))).hasValueSatisfying(input -> {
      assertThat(input.kind()).isEqualTo(UsageInput.Kind.CPU);
      assertThat(input.cluster()).isEqualTo("prod");
      assertThat(input.service()).isEqualTo("worker");
    });
    assertThat(UsageInputs.of(point("AWS/ECS", "MemoryUtilization", service, 40)).orElseThrow().kind()).isEqualTo(UsageInput.Kind.MEMORY);
    assertThat(UsageInputs.of(point("AWS/RDS", "CPUUtilization", Map.of("DBInstanceIdentifier", "db"), 40))).isEmpty();
    assertThat(UsageInputs.of(point("AWS/ECS", "CPUUtilization", Map.of("ClusterName", "prod"), 40))).isEmpty();
    assertThat(UsageInputs.of(point("AWS/ECS", "RunningTaskCount", service, 2))).isEmpty();
  }

  @Test
  void killsAreAttributedByTheEcsEventOrTheLogGroup() {
    LogEvent event = new LogEvent("/aws/ecs/events", "demo", 5, "(service worker) (task 81c2) Task stopped: OutOfMemoryError: Container killed due to memory usage. Exit Code 137", "e1");
    assertThat(UsageInputs.of(event).orElseThrow().service()).isEqualTo("worker");
    assertThat(UsageInputs.of(new LogEvent("/ecs/api", "s", 5, "java.lang.OutOfMemoryError: Java heap space", "e2")).orElseThrow().service()).isEqualTo("api");
    assertThat(UsageInputs.of(new LogEvent("/ecs/web", "s", 5, "container web OOMKilled", "e3")).orElseThrow().service()).isEqualTo("web");
    assertThat(UsageInputs.of(new LogEvent("/ecs/api", "s", 5, "GET /api/orders 200 21ms", "e4"))).isEmpty();
    assertThat(UsageInputs.of(new LogEvent("/var/log/app", "s", 5, "OutOfMemoryError", "e5"))).as("no service named").isEmpty();
  }

  @Test
  void aUsageStateRestoresExactly() {
    ServiceUsage usage = new ServiceUsage("prod", "worker", 86_400_000L, 14);
    usage.taskSize(new TaskSize(new FargateSize(1024, 2048), 2, CostModel.Architecture.ARM64, "arn:aws:ecs:us-east-1:1:task-definition/worker:3", "ecs"));
    for (long t = 0; t < 3_600_000L; t += 60_000L) {
      usage.addCpuPercent(t, 30 + (t / 60_000L) % 7);
      usage.addMemoryPercent(t, 50 + (t / 60_000L) % 5);
    }
    usage.addKill(3_600_000L, "/ecs/worker", "OutOfMemoryError");
    ServiceUsage.State state = usage.state();
    ServiceUsage.State again = UsageStateJson.fromJson(new io.vertx.core.json.JsonObject(UsageStateJson.toJson(state).encode()));
    assertThat(again).isEqualTo(state);
  }
}
