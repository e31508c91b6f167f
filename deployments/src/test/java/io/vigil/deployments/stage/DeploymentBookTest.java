package io.vigil.deployments.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vigil.config.DeploymentsConfig;
import io.vigil.model.DeploymentEvent;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The book without Kafka: phases in event time, a backfilled deployment marked history, and a checkpoint that restores the same state. */
class DeploymentBookTest {

  private static final long MINUTE = 60_000L;
  private static final long START = 1_780_000_000_000L;

  static DeploymentsConfig config() {
    return new DeploymentsConfig(true, 10, 30, 15, 60, 30, 10, 10, 0.01, 0.33, 95, 75, Map.of(), Map.of(), 1,
        new DeploymentsConfig.Penalties(1, 3, 3), false, new DeploymentsConfig.ScaleOut(false, 2, 20), new DeploymentsConfig.Ecs(false, ""),
        new DeploymentsConfig.Checks(true, 15, 10, 10, 1000));
  }

  private static DeploymentInput.Event event(String id, DeploymentEvent.Kind kind, long at) {
    return new DeploymentInput.Event(new DeploymentEvent(id + "/" + kind.wireName(), id, "api", kind, at, "demo", "api:42", "", "", "", "", ""));
  }

  private static void feed(DeploymentBook book, long until, double after, boolean history) {
    SplittableRandom random = new SplittableRandom(3);
    for (long t = START - 30 * MINUTE; t < until; t += 30_000) {
      double latency = (t >= START + 3 * MINUTE ? after : 0.15) + 0.008 * random.nextGaussian();
      book.accept(new DeploymentInput.Sample("api", "s-latency", "TargetResponseTime", "", t, latency, history, ""), START + 120 * MINUTE);
      book.accept(new DeploymentInput.Sample("api", "s-cpu", "CPUUtilization", "prod", t, 30 + 2 * random.nextGaussian(), history, ""),
          START + 120 * MINUTE);
    }
  }

  @Test
  void aBackfilledRegressionFailsAsHistoryWithoutActions() {
    DeploymentBook book = new DeploymentBook(StageSettings.of(config()));
    book.accept(event("d", DeploymentEvent.Kind.STARTED, START), START + 120 * MINUTE);
    book.accept(event("d", DeploymentEvent.Kind.COMPLETED, START + 3 * MINUTE), START + 120 * MINUTE);
    feed(book, START + 20 * MINUTE, 0.5, true);

    DeploymentBook.Work work = book.due(START + 120 * MINUTE);

    TrackedDeployment deployment = book.find("api", "d").orElseThrow();
    assertThat(deployment.verdict.result().wireName()).isEqualTo("fail");
    assertThat(deployment.history).isTrue();
    assertThat(work.actions()).isEmpty();
    assertThat(work.snapshots()).containsExactly(deployment);
    assertThat(work.publish()).containsExactly(deployment);
    assertThat(book.timeline("api").cluster).isEqualTo("prod");
  }

  @Test
  void aLiveRegressionAsksForItsActionsOnce() {
    DeploymentBook book = new DeploymentBook(StageSettings.of(config()));
    book.accept(event("d", DeploymentEvent.Kind.STARTED, START), START + 120 * MINUTE);
    book.accept(event("d", DeploymentEvent.Kind.COMPLETED, START + 3 * MINUTE), START + 120 * MINUTE);
    feed(book, START + 20 * MINUTE, 0.5, false);

    assertThat(book.due(START + 120 * MINUTE).actions()).hasSize(1);
    assertThat(book.due(START + 121 * MINUTE).actions()).isEmpty();
  }

  @Test
  void aCheckpointRestoresTheSameState() {
    DeploymentBook book = new DeploymentBook(StageSettings.of(config()));
    book.accept(event("d", DeploymentEvent.Kind.STARTED, START), START + 120 * MINUTE);
    book.accept(event("d", DeploymentEvent.Kind.COMPLETED, START + 3 * MINUTE), START + 120 * MINUTE);
    book.accept(new DeploymentInput.Sample("api", "s-p", "PatternCount", "", START - MINUTE, 3, false, "/ecs/api p1"), START);
    book.accept(new DeploymentInput.Diagnostic("api", "ecs-image-pull", "Cannot pull the image", "critical", START + MINUTE, START + 2 * MINUTE, 2), START);
    feed(book, START + 20 * MINUTE, 0.5, false);
    book.due(START + 120 * MINUTE);
    Map<String, JsonObject> saved = book.changedSinceLastCheckpoint();

    DeploymentBook restored = new DeploymentBook(StageSettings.of(config()));
    restored.restore(List.copyOf(saved.values()));

    assertThat(DeploymentJson.state(restored.timeline("api"))).isEqualTo(saved.get("api"));
    TrackedDeployment deployment = restored.find("api", "d").orElseThrow();
    assertThat(deployment.verdict.penalties()).anySatisfy(penalty -> assertThat(penalty.name()).isEqualTo("ecs-image-pull"));
    assertThat(deployment.diagnostics).hasSize(1);
    assertThat(deployment.actionsStarted).isTrue();
    assertThat(restored.due(START + 121 * MINUTE).actions()).isEmpty();
  }
}
