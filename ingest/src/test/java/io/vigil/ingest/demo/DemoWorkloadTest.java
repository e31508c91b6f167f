package io.vigil.ingest.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.DeploymentEvent;
import io.vigil.model.LogEvent;
import io.vigil.model.MetricPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoWorkloadTest {

  private static final long MINUTE = 60_000;
  private final DemoWorkload workload = new DemoWorkload(42, 10_000);
  private final long start = workload.alignDown(Instant.parse("2026-11-29T00:00:00Z").toEpochMilli());

  @Test
  void sameMomentGivesSamePointsAndEventIds() {
    long t = start + 123 * 10_000;
    assertThat(workload.pointsAt(t)).isEqualTo(new DemoWorkload(42, 10_000).pointsAt(t));
    assertThat(workload.logsAt(t)).extracting(LogEvent::eventId).isEqualTo(workload.logsAt(t).stream().map(LogEvent::eventId).toList());
    assertThat(new DemoWorkload(43, 10_000).pointsAt(t)).isNotEqualTo(workload.pointsAt(t));
  }

  @Test
  void everyKindOfIncidentHappensWithinADay() {
    Set<DemoWorkload.Incident> seen = EnumSet.noneOf(DemoWorkload.Incident.class);
    for (long t = start; t < start + 24 * 60 * MINUTE; t += DemoWorkload.CYCLE_MINUTES * MINUTE) {
      seen.add(workload.incidentAt(t).kind());
    }
    assertThat(seen).containsExactlyInAnyOrder(DemoWorkload.Incident.values());
  }

  @Test
  void memoryLeakEndsWithAContainerKilledForMemory() {
    DemoWorkload.ScheduledIncident leak = findIncident(DemoWorkload.Incident.MEMORY_LEAK);
    long beforeKill = workload.alignDown(leak.startMillis() + leak.durationMillis() - 1);
    double memoryAtStart = workerMemory(workload.alignDown(leak.startMillis()) + 10_000);
    double memoryBeforeKill = workerMemory(beforeKill);
    double memoryAfterKill = workerMemory(beforeKill + 20_000);
    assertThat(memoryBeforeKill).isGreaterThan(memoryAtStart + 40);
    assertThat(memoryAfterKill).isLessThan(30);
    List<LogEvent> events = new ArrayList<>();
    for (long t = leak.startMillis(); t <= leak.startMillis() + leak.durationMillis(); t += 10_000) {
      events.addAll(workload.logsAt(workload.alignDown(t)));
    }
    assertThat(events).anySatisfy(event -> assertThat(event.message()).contains("Exit Code 137"));
  }

  @Test
  void databaseOutageLogsConnectionRefused() {
    DemoWorkload.ScheduledIncident outage = findIncident(DemoWorkload.Incident.DATABASE_REFUSED);
    long during = workload.alignDown(outage.startMillis() + 60_000);
    assertThat(workload.logsAt(during)).anySatisfy(event -> assertThat(event.message()).contains("Connection refused"));
    assertThat(workload.pointsAt(during)).filteredOn(point -> point.series().metric().equals("DatabaseConnections"))
        .extracting(MetricPoint::value).containsExactly(0.0);
  }

  @Test
  void aLatencyRegressionIsADeploymentStartedBeforeItAndSteadyAsItBegins() {
    DemoWorkload.ScheduledIncident regression = findIncident(DemoWorkload.Incident.LATENCY_REGRESSION);
    long cycleStart = Math.floorDiv(regression.startMillis(), DemoWorkload.CYCLE_MINUTES * MINUTE) * DemoWorkload.CYCLE_MINUTES * MINUTE;
    List<DeploymentEvent> events = new ArrayList<>();
    for (long t = cycleStart + 10_000; t <= cycleStart + DemoWorkload.CYCLE_MINUTES * MINUTE; t += 10_000) {
      events.addAll(workload.deploymentsAt(t));
    }
    assertThat(events).extracting(DeploymentEvent::kind).containsExactly(DeploymentEvent.Kind.STARTED, DeploymentEvent.Kind.COMPLETED);
    assertThat(events.get(0).timestampMillis()).isEqualTo(regression.startMillis() - 3 * MINUTE);
    assertThat(events.get(1).timestampMillis()).isEqualTo(regression.startMillis());
    assertThat(events).allSatisfy(event -> {
      assertThat(event.service()).isEqualTo("api");
      assertThat(event.version()).isEqualTo("api:42");
      assertThat(event.source()).isEqualTo("demo");
      assertThat(event.deploymentId()).isEqualTo(events.get(0).deploymentId());
    });
    DemoWorkload.ScheduledIncident spike = findIncident(DemoWorkload.Incident.CPU_SPIKE);
    for (long t = spike.startMillis() - 5 * MINUTE; t <= spike.startMillis() + spike.durationMillis(); t += 10_000) {
      assertThat(workload.deploymentsAt(t)).isEmpty();
    }
  }

  private DemoWorkload.ScheduledIncident findIncident(DemoWorkload.Incident kind) {
    for (long t = start; ; t += DemoWorkload.CYCLE_MINUTES * MINUTE) {
      DemoWorkload.ScheduledIncident incident = workload.incidentAt(t);
      if (incident.kind() == kind) {
        return incident;
      }
    }
  }

  private double workerMemory(long t) {
    return workload.pointsAt(t).stream()
        .filter(point -> point.series().metric().equals("MemoryUtilization") && "worker".equals(point.series().dimensions().get("ServiceName")))
        .findFirst().orElseThrow().value();
  }
}
