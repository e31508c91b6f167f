package io.vigil.ingest.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.DeploymentEvent;
import io.vigil.model.DeploymentEvent.Kind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;
import software.amazon.awssdk.services.ecs.model.Task;

/** ECS answers as ECS gives them (moto synthesises neither service events nor exit codes), built by hand. */
class EcsDeploymentEventsTest {

  private static final EcsServiceRef REF = new EcsServiceRef("prod", "api-svc", "api");
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
  private static final String TASK_DEF = "arn:aws:ecs:us-east-1:123456789012:task-definition/api:42";

  private static Service service(ServiceEvent... events) {
    return Service.builder().serviceName("api-svc")
        .deployments(
            Deployment.builder().id("ecs-svc/222").status("PRIMARY").rolloutState(DeploymentRolloutState.IN_PROGRESS)
                .taskDefinition(TASK_DEF).createdAt(T0).updatedAt(T0.plusSeconds(30)).build(),
            Deployment.builder().id("ecs-svc/111").status("ACTIVE").rolloutState(DeploymentRolloutState.COMPLETED)
                .taskDefinition("arn:aws:ecs:us-east-1:123456789012:task-definition/api:41")
                .createdAt(T0.minusSeconds(86_400)).updatedAt(T0.minusSeconds(86_000)).build())
        .events(events)
        .build();
  }

  @Test
  void deploymentsBecomeStartedAndCompletedEventsWithStableIds() {
    List<DeploymentEvent> events = EcsDeploymentEvents.ofService(REF, service());
    assertThat(events).extracting(DeploymentEvent::eventId)
        .containsExactly("ecs-svc/111:started", "ecs-svc/111:completed", "ecs-svc/222:started");
    DeploymentEvent started = events.get(2);
    assertThat(started.kind()).isEqualTo(Kind.STARTED);
    assertThat(started.service()).isEqualTo("api");
    assertThat(started.version()).isEqualTo("api:42");
    assertThat(started.resource()).isEqualTo(TASK_DEF);
    assertThat(started.timestampMillis()).isEqualTo(T0.toEpochMilli());
    assertThat(EcsDeploymentEvents.ofService(REF, service())).isEqualTo(events);
  }

  @Test
  void serviceEventsAreClassifiedByTheirMessage() {
    Service service = service(
        ServiceEvent.builder().id("e1").createdAt(T0.plusSeconds(60)).message("(service api-svc) has started 2 tasks: (task 1a) (task 2b).").build(),
        ServiceEvent.builder().id("e2").createdAt(T0.plusSeconds(120))
            .message("(service api-svc) (task 1a) failed ELB health checks in (target-group arn:aws:...:targetgroup/api/abc).").build(),
        ServiceEvent.builder().id("e3").createdAt(T0.plusSeconds(180))
            .message("(service api-svc) was unable to place a task because no container instance met all of its requirements.").build(),
        ServiceEvent.builder().id("e4").createdAt(T0.plusSeconds(240))
            .message("(service api-svc) (deployment ecs-svc/222) deployment failed: tasks failed to start.").build(),
        ServiceEvent.builder().id("e5").createdAt(T0.plusSeconds(300)).message("(service api-svc) has reached a steady state.").build());
    List<DeploymentEvent> events = EcsDeploymentEvents.ofService(REF, service).stream().filter(e -> e.eventId().matches("e\\d")).toList();
    assertThat(events).extracting(DeploymentEvent::kind)
        .containsExactly(Kind.PROGRESS, Kind.TASK_FAILED, Kind.TASK_FAILED, Kind.FAILED, Kind.COMPLETED);
    assertThat(events).extracting(DeploymentEvent::deploymentId).containsOnly("ecs-svc/222");
    assertThat(events.get(1).reason()).contains("failed ELB health checks");
  }

  @Test
  void aTaskKilledForMemoryIsAFailedTaskWithItsExitCode() {
    Task task = Task.builder().taskArn("arn:aws:ecs:us-east-1:123456789012:task/prod/abc").startedBy("ecs-svc/222")
        .taskDefinitionArn(TASK_DEF).stopCode(TaskStopCode.ESSENTIAL_CONTAINER_EXITED)
        .stoppedReason("Essential container in task exited").stoppedAt(T0.plusSeconds(400))
        .containers(Container.builder().name("app").exitCode(137).reason("OutOfMemoryError: Container killed due to memory usage").build())
        .build();
    DeploymentEvent event = EcsDeploymentEvents.ofStoppedTask(REF, task, service()).orElseThrow();
    assertThat(event.kind()).isEqualTo(Kind.TASK_FAILED);
    assertThat(event.eventId()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:task/prod/abc@" + T0.plusSeconds(400).toEpochMilli());
    assertThat(event.status()).isEqualTo("stopCode=EssentialContainerExited exitCode=137");
    assertThat(event.reason()).isEqualTo(
        "Essential container in task exited; container app: exit code 137 (OutOfMemoryError: Container killed due to memory usage)");
    assertThat(event.deploymentId()).isEqualTo("ecs-svc/222");
  }

  @Test
  void aTaskReplacedByTheSchedulerIsProgressAndAStoppingTaskIsNotYetAnEvent() {
    Task replaced = Task.builder().taskArn("arn:task/old").taskDefinitionArn("arn:aws:ecs:us-east-1:123456789012:task-definition/api:41")
        .stopCode(TaskStopCode.SERVICE_SCHEDULER_INITIATED).stoppedReason("Scaling activity initiated by (deployment ecs-svc/222)")
        .stoppedAt(T0.plusSeconds(500)).containers(Container.builder().name("app").exitCode(143).build()).build();
    DeploymentEvent event = EcsDeploymentEvents.ofStoppedTask(REF, replaced, service()).orElseThrow();
    assertThat(event.kind()).isEqualTo(Kind.PROGRESS);
    assertThat(event.deploymentId()).isEqualTo("ecs-svc/111");
    Task stopping = Task.builder().taskArn("arn:task/going").stoppedReason("Task stopped by user").build();
    assertThat(EcsDeploymentEvents.ofStoppedTask(REF, stopping, service())).isEmpty();
  }

  @Test
  void aTaskFailingItsHealthCheckIsAFailedTaskEvenWhenTheSchedulerStoppedIt() {
    Task task = Task.builder().taskArn("arn:task/hc").taskDefinitionArn(TASK_DEF)
        .stopCode(TaskStopCode.SERVICE_SCHEDULER_INITIATED)
        .stoppedReason("Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:...:targetgroup/api/1)")
        .stoppedAt(T0.plusSeconds(600)).build();
    assertThat(EcsDeploymentEvents.ofStoppedTask(REF, task, service()).orElseThrow().kind()).isEqualTo(Kind.TASK_FAILED);
  }
}
