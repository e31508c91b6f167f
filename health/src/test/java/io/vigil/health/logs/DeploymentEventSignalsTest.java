package io.vigil.health.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.SignatureCatalog;
import io.vigil.health.SeriesSignal;
import io.vigil.health.SignalKind;
import io.vigil.model.DeploymentEvent;
import io.vigil.model.DeploymentEvent.Kind;
import org.junit.jupiter.api.Test;

class DeploymentEventSignalsTest {

  private static final DeploymentEventSignals SIGNALS = new DeploymentEventSignals(SignatureCatalog.shipped());

  private static DeploymentEvent event(Kind kind, String source, String status, String reason) {
    return new DeploymentEvent("e-" + kind + status.hashCode(), "ecs-svc/1", "billing", kind, 1_000L, source, "", "", "", "td", status, reason);
  }

  @Test
  void aStoppedTaskKilledForMemoryIsAKillAndARefusedDependencyNamesItsPort() {
    SeriesSignal kill = SIGNALS.of(event(Kind.TASK_FAILED, "ecs", "stopCode=EssentialContainerExited exitCode=137",
        "Essential container in task exited")).orElseThrow();
    assertThat(kill.kind()).isEqualTo(SignalKind.MEMORY_KILL);
    assertThat(kill.value()).isEqualTo(137);
    assertThat(kill.service()).isEqualTo("billing");
    assertThat(kill.log().orElseThrow().line()).contains("exitCode=137");
    SeriesSignal refused = SIGNALS.of(event(Kind.TASK_FAILED, "ecs", "exitCode=1",
        "Essential container in task exited; container app: exit code 1 (dial tcp 10.0.1.5:6379: connect: connection refused)")).orElseThrow();
    assertThat(refused.kind()).isEqualTo(SignalKind.DEPENDENCY_REFUSED);
    assertThat(refused.value()).isEqualTo(6379);
  }

  @Test
  void aStartIsADeploymentAndCompletionsAndOtherFailuresAreNoSignal() {
    assertThat(SIGNALS.of(event(Kind.STARTED, "ecs", "PRIMARY", "")).orElseThrow().kind()).isEqualTo(SignalKind.DEPLOYMENT);
    assertThat(SIGNALS.of(event(Kind.COMPLETED, "ecs", "exitCode=137", ""))).isEmpty();
    assertThat(SIGNALS.of(event(Kind.TASK_FAILED, "ecs", "exitCode=1", "Essential container in task exited"))).isEmpty();
    assertThat(SIGNALS.of(event(Kind.FAILED, "cloudformation", "exitCode=137", "Encountered unsupported property X"))).isEmpty();
  }
}
