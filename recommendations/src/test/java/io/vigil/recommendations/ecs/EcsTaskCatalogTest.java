package io.vigil.recommendations.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/** What the catalog reads from ECS's answers: mid-deployment, and which stopped tasks were killed for memory. */
class EcsTaskCatalogTest {

  @Test
  void aServiceWithTheNewRevisionStartingBesideTheOldIsMidDeployment() {
    Service steady = Service.builder().deployments(Deployment.builder().status("PRIMARY").build()).build();
    Service rolling = Service.builder().deployments(Deployment.builder().status("PRIMARY").build(), Deployment.builder().status("ACTIVE").build()).build();
    assertThat(EcsTaskCatalog.deploying(steady)).isFalse();
    assertThat(EcsTaskCatalog.deploying(rolling)).isTrue();
  }

  @Test
  void exitCode137OrAnOutOfMemoryStopReasonIsAKillAndOtherStopsAreNot() {
    Instant at = Instant.parse("2026-12-01T10:00:00Z");
    Task exited = Task.builder().taskArn("t1").stoppedAt(at).stoppedReason("Essential container in task exited")
        .containers(Container.builder().exitCode(137).build()).build();
    Task reason = Task.builder().taskArn("t2").stoppedAt(at.plusSeconds(60)).stoppedReason("OutOfMemoryError: Container killed due to memory usage")
        .containers(Container.builder().build()).build();
    Task scaledIn = Task.builder().taskArn("t3").stoppedAt(at).stoppedReason("Scaling activity initiated by deployment")
        .containers(Container.builder().exitCode(143).build()).build();
    assertThat(EcsTaskCatalog.kills(List.of(exited, reason, scaledIn))).extracting(kill -> kill.atMillis())
        .containsExactly(at.toEpochMilli(), at.plusSeconds(60).toEpochMilli());
  }
}
