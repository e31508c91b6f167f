package io.vigil.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeploymentPhasesTest {

  @Test
  void goesThroughEveryPhaseInOrderWithItsTimes() {
    DeploymentPhases phases = DeploymentPhases.started(10_000, 3_000);
    assertThat(phases.current()).isEqualTo(Phase.DEPLOYING);
    assertThat(phases.step(Phase.BASELINE)).isEqualTo(new DeploymentPhases.Step(DeploymentPhases.State.DONE, 7_000, 10_000));

    assertThat(phases.steady(12_000)).isTrue();
    assertThat(phases.verified(15_000)).isTrue();
    assertThat(phases.monitored(20_000)).isTrue();

    assertThat(phases.current()).isEqualTo(Phase.DONE);
    assertThat(phases.step(Phase.DEPLOYING)).isEqualTo(new DeploymentPhases.Step(DeploymentPhases.State.DONE, 10_000, 12_000));
    assertThat(phases.step(Phase.VERIFYING)).isEqualTo(new DeploymentPhases.Step(DeploymentPhases.State.DONE, 12_000, 15_000));
    assertThat(phases.step(Phase.MONITORING)).isEqualTo(new DeploymentPhases.Step(DeploymentPhases.State.DONE, 15_000, 20_000));
  }

  @Test
  void neverMovesBackAndAFailureSkipsWhatIsLeft() {
    DeploymentPhases phases = DeploymentPhases.started(10_000, 3_000);
    assertThat(phases.verified(11_000)).isFalse();
    assertThat(phases.failed(11_000)).isTrue();
    assertThat(phases.steady(12_000)).isFalse();

    assertThat(phases.current()).isEqualTo(Phase.DONE);
    assertThat(phases.step(Phase.DEPLOYING).state()).isEqualTo(DeploymentPhases.State.FAILED);
    assertThat(phases.step(Phase.VERIFYING).state()).isEqualTo(DeploymentPhases.State.SKIPPED);
    assertThat(phases.step(Phase.MONITORING).state()).isEqualTo(DeploymentPhases.State.SKIPPED);
  }
}
