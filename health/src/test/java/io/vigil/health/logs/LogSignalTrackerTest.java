package io.vigil.health.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vigil.config.HealthConfig;
import io.vigil.config.LogGroupServices;
import io.vigil.health.SeriesSignal;
import io.vigil.health.SignalKind;
import io.vigil.model.LogEvent;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Log events to health signals: the signature lines, the service of a group, and bursts against a group's own baseline. */
class LogSignalTrackerTest {

  static final long T0 = 1_800_000_000_000L - Math.floorMod(1_800_000_000_000L, 60_000L);
  static final HealthConfig.LogErrors RULES = new HealthConfig.LogErrors(5, 5, 60);

  private final LogSignalTracker tracker = new LogSignalTracker(RULES, new LogServices(new LogGroupServices(Map.of("payments-prod", "payments"))));
  private int ids;

  private List<SeriesSignal> log(String group, long at, String line) {
    return tracker.accept(new LogEvent(group, "stream", at, line, "e-" + (ids++)));
  }

  @Test
  void signatureLinesAreSignalsAtOnceForTheServiceTheyName() {
    List<SeriesSignal> kill = log("/aws/ecs/events", T0,
        "(service worker) (task 81c2) Task stopped: Essential container in task exited. OutOfMemoryError: Container killed due to memory usage. Exit Code 137");
    assertThat(kill).extracting(SeriesSignal::kind).contains(SignalKind.MEMORY_KILL);
    SeriesSignal signal = kill.stream().filter(found -> found.kind() == SignalKind.MEMORY_KILL).findFirst().orElseThrow();
    assertThat(signal.service()).isEqualTo("worker");
    assertThat(signal.log().orElseThrow().eventId()).isEqualTo("e-0");

    List<SeriesSignal> deploy = log("/aws/ecs/events", T0, "(service api) has reached a steady state. Deployment ecs-svc/7730 completed: task definition api:42");
    assertThat(deploy).extracting(SeriesSignal::kind).containsExactly(SignalKind.DEPLOYMENT);
    assertThat(deploy.get(0).service()).isEqualTo("api");

    List<SeriesSignal> refused = log("/ecs/api", T0, "ERROR could not connect to server: Connection refused ... on port 5432? connect ECONNREFUSED 10.0.3.12:5432");
    assertThat(refused).extracting(SeriesSignal::kind).containsExactly(SignalKind.DEPENDENCY_REFUSED);
    assertThat(refused.get(0).value()).isEqualTo(5432);
  }

  @Test
  void nearMissesAreNotSignatures() {
    assertThat(LogSignature.of("exit code 1370 from the batch job")).isEmpty();
    assertThat(LogSignature.of("memory usage 1370 MiB")).isEmpty();
    assertThat(LogSignature.of("(service api) has reached a steady state.")).isEmpty();
    assertThat(LogSignature.of("connection accepted from 10.0.0.1:5432")).isEmpty();
    assertThat(LogSignature.isError("GET /errors 200 12ms")).isFalse();
    assertThat(LogSignature.isError("level=info msg=\"error budget fine\"")).isFalse();
    assertThat(LogSignature.isError("java.lang.IllegalStateException: boom")).isTrue();
    assertThat(LogSignature.isError("{\"level\":\"error\",\"msg\":\"x\"}")).isTrue();
  }

  @Test
  void aGroupsServiceComesFromConfigurationAnEcsEventOrTheGroupsName() {
    LogServices services = new LogServices(new LogGroupServices(Map.of("payments-prod", "payments")));
    assertThat(services.serviceOf("payments-prod", "x")).contains("payments");
    assertThat(services.serviceOf("/ecs/api", "x")).contains("api");
    assertThat(services.serviceOf("/aws/ecs/worker/app", "x")).contains("worker");
    assertThat(services.serviceOf("/aws/ecs/events", "no service named")).isEmpty();
    assertThat(services.serviceOf("/aws/ecs/containerinsights/prod/performance", "x")).isEmpty();
    assertThat(services.serviceOf("/aws/lambda/checkout", "x")).as("another group: the last part of its name").contains("checkout");
    assertThat(services.serviceOf("/", "x")).isEmpty();
    assertThat(log("/aws/ecs/events", T0, "ERROR with no service named")).isEmpty();
  }

  @Test
  void aBurstIsJudgedAgainstTheGroupsOwnBaselineAfterWarmUp() {
    List<SeriesSignal> sent = new ArrayList<>();
    // Two error lines a minute for ten minutes: the group's normal.
    for (int minute = 0; minute < 10; minute++) {
      for (int n = 0; n < 2; n++) {
        sent.addAll(log("/ecs/api", T0 + minute * 60_000L + n * 1000, "ERROR retrying"));
      }
    }
    assertThat(sent).extracting(SeriesSignal::kind).containsOnly(SignalKind.LOG_ERRORS);
    assertThat(sent).allSatisfy(signal -> assertThat(signal.anomaly()).isEmpty());
    assertThat(sent.get(sent.size() - 1).value()).as("the last closed minute's count").isEqualTo(2);

    // Then forty in one minute: a burst, sent as soon as the count reaches it, once.
    List<SeriesSignal> burst = new ArrayList<>();
    for (int n = 0; n < 40; n++) {
      burst.addAll(log("/ecs/api", T0 + 10 * 60_000L + n * 1000, "ERROR upstream timed out"));
    }
    assertThat(burst).hasSize(2);
    assertThat(burst.get(0).anomaly()).isEmpty();
    SeriesSignal flagged = burst.get(1);
    assertThat(flagged.anomaly()).isPresent();
    assertThat(flagged.anomaly().get().severity()).isEqualTo(Severity.WARNING);
    assertThat(flagged.log().orElseThrow().line()).isEqualTo("ERROR upstream timed out");
  }

  @Test
  void aGroupIsNotABurstWhileWarmingUp() {
    List<SeriesSignal> sent = new ArrayList<>();
    for (int n = 0; n < 50; n++) {
      sent.addAll(log("/ecs/api", T0 + n * 1000, "ERROR at start-up"));
    }
    assertThat(sent).allSatisfy(signal -> assertThat(signal.anomaly()).isEmpty());
  }

  @Test
  void aRestoredTrackerContinuesExactlyAsTheOriginal() {
    for (int minute = 0; minute < 8; minute++) {
      log("/ecs/api", T0 + minute * 60_000L, "ERROR once a minute");
    }
    Map<String, JsonObject> checkpoints = tracker.changedSinceLastCheckpoint();
    LogSignalTracker restored = new LogSignalTracker(RULES, new LogServices(new LogGroupServices(Map.of())));
    restored.restore(checkpoints.values());
    for (int n = 0; n < 30; n++) {
      long at = T0 + 8 * 60_000L + n * 1000;
      LogEvent event = new LogEvent("/ecs/api", "s", at, "ERROR burst", "b-" + n);
      assertThat(restored.accept(event)).isEqualTo(tracker.accept(event));
    }
    assertThat(tracker.changedSinceLastCheckpoint()).isEqualTo(restored.changedSinceLastCheckpoint());
  }
}
