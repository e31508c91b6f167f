package io.vigil.health.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.HealthConfig;
import io.vigil.health.LogMark;
import io.vigil.health.SignalKind;
import io.vigil.health.TestHealthConfigs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cause ranking on hand-built members: each kind of cause, its confidence, and the order. */
class CauseRankerTest {

  static final long T0 = 1_800_000_000_000L;
  static final long MINUTE = 60_000L;
  private final HealthConfig config = TestHealthConfigs.config(Map.of("api", List.of("demo-db", "demo-cache")));

  private static InsightMember series(String id, String metric, SignalKind kind, String component, long first) {
    return new InsightMember(id, "api", metric, kind, component, first, first + 5 * MINUTE, 1, List.of("a-" + id), Optional.empty());
  }

  private static InsightMember logEvent(String id, SignalKind kind, long at, double value, String line) {
    return new InsightMember(id, "api", "Logs:" + kind.wireName(), kind, InsightBook.EVENT, at, at, value, List.of(),
        Optional.of(new LogMark("e-" + id, "/ecs/api", line)));
  }

  @Test
  void aDeploymentJustBeforeTheTroubleComesFirst() {
    List<InsightMember> timeline = List.of(
        logEvent("log:deploy", SignalKind.DEPLOYMENT, T0 - 30_000, 1, "(service api) Deployment ecs-svc/7730 completed: task definition api:42"),
        series("s-lat", "AWS/ApplicationELB:TargetResponseTime", SignalKind.LATENCY, "latency", T0));
    List<ProbableCause> causes = CauseRanker.rank("api", T0, timeline, config);
    assertThat(causes).extracting(ProbableCause::kind).containsExactly("deployment", "first-signal");
    assertThat(causes.get(0).confidence()).isEqualTo(0.85);
    assertThat(causes.get(0).description()).startsWith("a deployment under a minute before the first sign of trouble: (service api) Deployment ecs-svc/7730");

    List<InsightMember> longBefore = List.of(
        logEvent("log:deploy", SignalKind.DEPLOYMENT, T0 - 20 * MINUTE, 1, "Deployment x completed"),
        series("s-lat", "AWS/ApplicationELB:TargetResponseTime", SignalKind.LATENCY, "latency", T0));
    assertThat(CauseRanker.rank("api", T0, longBefore, config).get(0).confidence()).as("inside the window, not close").isEqualTo(0.6);
    List<InsightMember> tooLong = List.of(
        logEvent("log:deploy", SignalKind.DEPLOYMENT, T0 - 31 * MINUTE, 1, "Deployment x completed"),
        series("s-lat", "AWS/ApplicationELB:TargetResponseTime", SignalKind.LATENCY, "latency", T0));
    assertThat(CauseRanker.rank("api", T0, tooLong, config)).extracting(ProbableCause::kind).containsExactly("first-signal");
  }

  @Test
  void refusedConnectionsAndAnUnhealthyDependencyNameTheDatabase() {
    InsightMember refused = logEvent("log:refused", SignalKind.DEPENDENCY_REFUSED, T0, 5432,
        "ERROR could not connect to server: Connection refused. Is the server running on host \"demo-db.c1x2.rds.amazonaws.com\"");
    InsightMember errors = series("s-5xx", "AWS/ApplicationELB:HTTPCode_Target_5XX_Count", SignalKind.ERRORS, "errors", T0 + 30_000);
    InsightMember dependency = new InsightMember("demo-db", "demo-db", "health", SignalKind.OTHER, "dependency", T0 + MINUTE, T0 + 2 * MINUTE, 64,
        List.of(), Optional.empty());

    List<ProbableCause> both = CauseRanker.rank("api", T0, List.of(refused, errors, dependency), config);
    assertThat(both.get(0).kind()).isEqualTo("dependency");
    assertThat(both.get(0).confidence()).isEqualTo(0.9);
    assertThat(both.get(0).description()).isEqualTo(
        "dependency demo-db is the likely cause: connections to demo-db were refused (port 5432, PostgreSQL); dependency demo-db fell to 64");

    List<ProbableCause> refusalsOnly = CauseRanker.rank("api", T0, List.of(refused, errors), config);
    assertThat(refusalsOnly.get(0).kind()).isEqualTo("dependency");
    assertThat(refusalsOnly.get(0).confidence()).isEqualTo(0.8);
    assertThat(refusalsOnly.get(0).description()).contains("demo-db");

    InsightMember anonymous = logEvent("log:refused", SignalKind.DEPENDENCY_REFUSED, T0, 6379, "connect ECONNREFUSED 10.0.0.9:6379");
    assertThat(CauseRanker.rank("api", T0, List.of(anonymous), config).get(0).description())
        .as("two dependencies configured, the line names neither").isEqualTo("a dependency is the likely cause: connections were refused (port 6379, Redis)");
  }

  @Test
  void theSeriesThatMovedFirstGainsConfidenceWithItsLead() {
    InsightMember cpu = series("s-cpu", "AWS/ECS:CPUUtilization", SignalKind.CPU, "saturation", T0);
    InsightMember latencySoon = series("s-lat", "AWS/ApplicationELB:TargetResponseTime", SignalKind.LATENCY, "latency", T0 + 30_000);
    InsightMember latencyLate = series("s-lat", "AWS/ApplicationELB:TargetResponseTime", SignalKind.LATENCY, "latency", T0 + 10 * MINUTE);
    ProbableCause close = CauseRanker.rank("api", T0, List.of(cpu, latencySoon), config).get(0);
    ProbableCause clear = CauseRanker.rank("api", T0, List.of(cpu, latencyLate), config).get(0);
    assertThat(close.kind()).isEqualTo("first-signal");
    assertThat(close.description()).isEqualTo("CPUUtilization moved first, under a minute before TargetResponseTime");
    assertThat(close.confidence()).isEqualTo(0.44);
    assertThat(clear.confidence()).isEqualTo(0.8);
  }

  @Test
  void errorLinesAreASymptomRankedLast() {
    InsightMember burst = new InsightMember("log:/ecs/api:log_errors:api", "api", "Logs:/ecs/api", SignalKind.LOG_ERRORS, "logs", T0, T0, 40,
        List.of("ale-1"), Optional.of(new LogMark("e-1", "/ecs/api", "ERROR upstream timed out")));
    InsightMember cpu = series("s-cpu", "AWS/ECS:CPUUtilization", SignalKind.CPU, "saturation", T0);
    List<ProbableCause> causes = CauseRanker.rank("api", T0, List.of(burst, cpu), config);
    assertThat(causes).extracting(ProbableCause::kind).containsExactly("first-signal", "log-errors");
    assertThat(causes.get(1).description()).isEqualTo("a burst of error lines in /ecs/api: ERROR upstream timed out");
  }
}
