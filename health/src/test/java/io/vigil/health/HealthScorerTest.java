package io.vigil.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.HealthConfig;
import io.vigil.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The scoring maths on hand-built signals, one deduction at a time. */
class HealthScorerTest {

  static final long NOW = 1_800_000_000_000L;
  static final HealthScorer.Dependencies NONE = service -> Optional.empty();

  static HealthConfig config(Map<String, List<String>> dependencies) {
    return TestHealthConfigs.config(dependencies);
  }

  private final HealthScorer scorer = new HealthScorer(config(Map.of("api", List.of("demo-db"))));

  static SeriesSignal signal(String id, SignalKind kind, String metric, double value, long at) {
    return new SeriesSignal(id, "api", metric, kind, value, at, Optional.empty());
  }

  static SeriesSignal anomalous(String id, SignalKind kind, String metric, double value, long at, Severity severity) {
    return new SeriesSignal(id, "api", metric, kind, value, at, Optional.of(new AnomalyMark("a-" + id, severity, 0.99, at)));
  }

  @Test
  void aServiceWithNoDataIsUnknownNotASilentHundred() {
    HealthScorer.Assessment assessment = scorer.assess("api", List.of(), NONE, NOW);
    assertThat(assessment.status()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(assessment.score()).isEmpty();
  }

  @Test
  void quietDataIsHealthyAtHundred() {
    HealthScorer.Assessment assessment = scorer.assess("api", List.of(signal("s-1", SignalKind.CPU, "AWS/ECS:CPUUtilization", 30, NOW)), NONE, NOW);
    assertThat(assessment.score()).hasValue(100);
    assertThat(assessment.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(assessment.topReason()).isEqualTo("no deductions");
  }

  @Test
  void dataThatStoppedForThreeIntervalsIsStaleWithItsLastScore() {
    List<SeriesSignal> signals = List.of(signal("s-1", SignalKind.MEMORY, "AWS/ECS:MemoryUtilization", 95, NOW - 181_000));
    HealthScorer.Assessment assessment = scorer.assess("api", signals, NONE, NOW);
    assertThat(assessment.status()).isEqualTo(HealthStatus.STALE);
    assertThat(assessment.score()).hasValue(70);
    assertThat(assessment.topReason()).startsWith("no data for 3 min").contains("memory at 95%");
    assertThat(scorer.assess("api", signals, NONE, NOW - 2_000).status()).as("within three intervals").isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void memoryAtNinetyPercentIsSeriousEvenWithoutAnAnomaly() {
    HealthScorer.Assessment serious = scorer.assess("api", List.of(signal("s-m", SignalKind.MEMORY, "AWS/ECS:MemoryUtilization", 91, NOW)), NONE, NOW);
    assertThat(serious.score()).hasValue(70);
    HealthComponent component = serious.components().get(0);
    assertThat(component.kind()).isEqualTo(ComponentKind.SATURATION);
    assertThat(component.reason()).isEqualTo("memory at 91% (serious from 90%)");
    assertThat(component.evidence()).extracting(Evidence::subject).containsExactly("s-m");

    HealthScorer.Assessment warn = scorer.assess("api", List.of(signal("s-m", SignalKind.MEMORY, "AWS/ECS:MemoryUtilization", 82, NOW),
        signal("s-c", SignalKind.CPU, "AWS/ECS:CPUUtilization", 96, NOW)), NONE, NOW);
    assertThat(warn.score()).as("memory warning 10 and CPU serious 30").hasValue(60);
    assertThat(warn.status()).isEqualTo(HealthStatus.UNHEALTHY);
  }

  @Test
  void anomaliesCountBySeverityAndBreadthAndDecayWithTheHalfLife() {
    SeriesSignal one = anomalous("s-1", SignalKind.OTHER, "AWS/ECS:CpuUtilized", 5, NOW, Severity.CRITICAL);
    SeriesSignal two = anomalous("s-2", SignalKind.OTHER, "AWS/ECS:Other", 5, NOW, Severity.WARNING);
    assertThat(scorer.assess("api", List.of(one), NONE, NOW).score()).hasValue(85);
    HealthScorer.Assessment both = scorer.assess("api", List.of(one, two), NONE, NOW);
    assertThat(both.score()).as("breadth: 15 + 8").hasValue(77);
    assertThat(both.components().get(0).evidence()).extracting(Evidence::anomalyId).containsExactlyInAnyOrder("a-s-1", "a-s-2");

    // Ten minutes later (one half-life) half is left; the score climbs back gradually.
    assertThat(scorer.assess("api", List.of(one, two), NONE, NOW + 600_000).score()).hasValue(89);
    assertThat(scorer.assess("api", List.of(one, two), NONE, NOW + 1_200_000).score()).hasValue(94);
    assertThat(scorer.assess("api", List.of(one, two), NONE, NOW + 3_600_000).score()).hasValue(100);
  }

  @Test
  void manyAnomaliesAreCapped() {
    List<SeriesSignal> many = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      many.add(anomalous("s-" + i, SignalKind.OTHER, "X:M" + i, 1, NOW, Severity.CRITICAL));
    }
    assertThat(scorer.assess("api", many, NONE, NOW).score()).as("at most maxAnomalies").hasValue(60);
  }

  @Test
  void errorRatioIsAGoldenSignalAndWeighsFirst() {
    List<SeriesSignal> signals = List.of(signal("s-r", SignalKind.REQUESTS, "AWS/ApplicationELB:RequestCount", 1000, NOW),
        signal("s-e", SignalKind.ERRORS, "AWS/ApplicationELB:HTTPCode_Target_5XX_Count", 80, NOW),
        signal("s-m", SignalKind.MEMORY, "AWS/ECS:MemoryUtilization", 91, NOW));
    HealthScorer.Assessment assessment = scorer.assess("api", signals, NONE, NOW);
    assertThat(assessment.score()).hasValue(35);
    assertThat(assessment.components().get(0).kind()).isEqualTo(ComponentKind.ERRORS);
    assertThat(assessment.topReason()).isEqualTo("5xx errors at 8.0% of requests (serious from 5.0%)");

    List<SeriesSignal> few = List.of(signal("s-r", SignalKind.REQUESTS, "AWS/ApplicationELB:RequestCount", 1000, NOW),
        signal("s-e", SignalKind.ERRORS, "AWS/ApplicationELB:HTTPCode_Target_5XX_Count", 2, NOW));
    assertThat(scorer.assess("api", few, NONE, NOW).score()).as("0.2% is under the warn ratio").hasValue(100);
  }

  @Test
  void aLatencyAnomalyWeighsMoreThanAnOrdinaryOne() {
    SeriesSignal latency = anomalous("s-l", SignalKind.LATENCY, "AWS/ApplicationELB:TargetResponseTime", 2.5, NOW, Severity.CRITICAL);
    HealthScorer.Assessment assessment = scorer.assess("api", List.of(latency), NONE, NOW);
    assertThat(assessment.score()).as("15 x 1.5").hasValue(78);
    assertThat(assessment.components().get(0).kind()).isEqualTo(ComponentKind.LATENCY);
    assertThat(assessment.topReason()).startsWith("anomalous latency (latest TargetResponseTime, critical");
  }

  @Test
  void availabilityCountsUnhealthyHostsMissingTasksAndFailingProbes() {
    assertThat(scorer.assess("api", List.of(signal("s-h", SignalKind.UNHEALTHY_HOSTS, "AWS/ApplicationELB:UnHealthyHostCount", 1, NOW)), NONE, NOW)
        .score()).hasValue(75);
    HealthScorer.Assessment tasks = scorer.assess("api", List.of(signal("s-r", SignalKind.RUNNING_TASKS, "ECS/ContainerInsights:RunningTaskCount", 2, NOW),
        signal("s-d", SignalKind.DESIRED_TASKS, "ECS/ContainerInsights:DesiredTaskCount", 4, NOW)), NONE, NOW);
    assertThat(tasks.score()).as("half the tasks missing: 30 x 0.5").hasValue(85);
    assertThat(tasks.topReason()).isEqualTo("2 of 4 desired tasks running");
    HealthScorer.Assessment probe = scorer.assess("api", List.of(signal("s-p", SignalKind.PROBE, "Vigil/Probes:Availability", 0, NOW)), NONE, NOW);
    assertThat(probe.score()).hasValue(60);
    assertThat(probe.components().get(0).kind()).isEqualTo(ComponentKind.AVAILABILITY);
  }

  @Test
  void anUnhealthyDependencyIsNamedInADependencyDeduction() {
    List<SeriesSignal> quiet = List.of(signal("s-1", SignalKind.CPU, "AWS/ECS:CPUUtilization", 30, NOW));
    HealthScorer.Dependencies dbDown = service -> service.equals("demo-db")
        ? Optional.of(new HealthScorer.DependencyHealth("demo-db", OptionalInt.of(40), HealthStatus.UNHEALTHY, "CPU at 99%", NOW))
        : Optional.empty();
    HealthScorer.Assessment assessment = scorer.assess("api", quiet, dbDown, NOW);
    assertThat(assessment.score()).hasValue(80);
    assertThat(assessment.topReason()).isEqualTo("dependency demo-db is unhealthy (40): CPU at 99%");
    assertThat(assessment.components().get(0).evidence()).extracting(Evidence::subject).containsExactly("demo-db");

    HealthScorer.Dependencies dbDegraded = service -> Optional.of(
        new HealthScorer.DependencyHealth(service, OptionalInt.of(80), HealthStatus.DEGRADED, "x", NOW));
    assertThat(scorer.assess("api", quiet, dbDegraded, NOW).score()).hasValue(95);
    assertThat(scorer.assess("worker", quiet, dbDown, NOW).score()).as("worker has no dependencies configured").hasValue(100);
  }

  @Test
  void aKillForMemoryIsALargeDeductionForItsWindowWithTheLineAsEvidence() {
    LogMark line = new LogMark("e-1", "/aws/ecs/events", "(service api) Task stopped. OutOfMemoryError: Container killed due to memory usage. Exit Code 137");
    SeriesSignal kill = new SeriesSignal("log:/aws/ecs/events:memory_kill:api", "api", "Logs:memory_kill", SignalKind.MEMORY_KILL, 137,
        NOW - 60_000, Optional.empty(), Optional.of(line));
    HealthScorer.Assessment assessment = scorer.assess("api", List.of(kill, signal("s-m", SignalKind.MEMORY, "AWS/ECS:MemoryUtilization", 30, NOW)),
        NONE, NOW);
    assertThat(assessment.score()).hasValue(60);
    assertThat(assessment.topReason()).isEqualTo("container killed for memory 1 min ago");
    HealthComponent saturation = assessment.components().get(0);
    assertThat(saturation.kind()).isEqualTo(ComponentKind.SATURATION);
    assertThat(saturation.evidence().get(0).log()).contains(line);
    assertThat(saturation.evidence().get(0).toJson().getJsonObject("logEvent").getString("eventId")).isEqualTo("e-1");

    long afterWindow = kill.timestampMillis() + 900_001;
    assertThat(scorer.assess("api", List.of(kill, signal("s-m", SignalKind.MEMORY, "AWS/ECS:MemoryUtilization", 30, afterWindow)), NONE, afterWindow)
        .score()).as("after memoryKillSeconds").hasValue(100);
  }

  @Test
  void aBurstOfErrorLinesDeductsAndDecaysLikeAnAnomaly() {
    SeriesSignal burst = new SeriesSignal("log:/ecs/api:log_errors:api", "api", "Logs:/ecs/api", SignalKind.LOG_ERRORS, 40, NOW,
        Optional.of(new AnomalyMark("ale-1", Severity.CRITICAL, 4, NOW)), Optional.of(new LogMark("e-2", "/ecs/api", "ERROR connection refused")));
    HealthScorer.Assessment now = scorer.assess("api", List.of(burst), NONE, NOW);
    assertThat(now.score()).hasValue(85);
    assertThat(now.components().get(0).kind()).isEqualTo(ComponentKind.LOGS);
    assertThat(now.topReason()).startsWith("a burst of error lines in /ecs/api (critical");
    assertThat(scorer.assess("api", List.of(burst), NONE, NOW + 600_000).score()).as("one half-life later").hasValue(93);
    SeriesSignal quiet = new SeriesSignal(burst.seriesId(), "api", burst.metric(), SignalKind.LOG_ERRORS, 40, NOW, Optional.empty(), Optional.empty());
    assertThat(scorer.assess("api", List.of(quiet), NONE, NOW).score()).as("many errors, but not a burst").hasValue(100);
  }

  @Test
  void latencyAboveItsOwnBaselineCountsThoughNotAnomalous() {
    LatencyBaseline slow = new LatencyBaseline(0.45, 0.15, 240, NOW);
    SeriesSignal latency = new SeriesSignal("s-lat", "api", "AWS/ApplicationELB:TargetResponseTime", SignalKind.LATENCY, 0.46, NOW,
        Optional.empty(), Optional.empty(), Optional.of(slow), Optional.empty());
    HealthScorer.Assessment assessment = scorer.assess("api", List.of(latency), NONE, NOW);
    assertThat(assessment.score()).hasValue(75);
    assertThat(assessment.components().get(0).kind()).isEqualTo(ComponentKind.LATENCY);
    assertThat(assessment.topReason()).isEqualTo("TargetResponseTime at 3.00 times its baseline (serious from 2.5: 0.450 against 0.150)");

    SeriesSignal somewhatSlow = new SeriesSignal("s-lat", "api", latency.metric(), SignalKind.LATENCY, 0.25, NOW, Optional.empty(), Optional.empty(),
        Optional.of(new LatencyBaseline(0.24, 0.15, 240, NOW)), Optional.empty());
    assertThat(scorer.assess("api", List.of(somewhatSlow), NONE, NOW).score()).as("1.6 times: warning").hasValue(90);
    SeriesSignal young = new SeriesSignal("s-lat", "api", latency.metric(), SignalKind.LATENCY, 0.46, NOW, Optional.empty(), Optional.empty(),
        Optional.of(new LatencyBaseline(0.45, 0.15, 30, NOW)), Optional.empty());
    assertThat(scorer.assess("api", List.of(young), NONE, NOW).score()).as("baseline still warming up").hasValue(100);
  }

  @Test
  void memoryHeadingForItsLimitCountsBeforeItIsSaturated() {
    SeriesSignal leaking = new SeriesSignal("s-m", "api", "AWS/ECS:MemoryUtilization", SignalKind.MEMORY, 64, NOW, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(new MemoryTrend(64, 3, 20, NOW)));
    HealthScorer.Assessment assessment = scorer.assess("api", List.of(leaking), NONE, NOW);
    // Full in 12 of the 30 minutes: 15 x 30 / 12 = 37.5 off, not the 15 of a leak at the window's edge.
    assertThat(assessment.score()).hasValue(63);
    assertThat(assessment.topReason()).isEqualTo("memory rising 3.0% a minute: full in about 12 min");
    SeriesSignal atTheEdge = new SeriesSignal("s-m", "api", "AWS/ECS:MemoryUtilization", SignalKind.MEMORY, 40, NOW, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(new MemoryTrend(40, 2, 20, NOW)));
    assertThat(scorer.assess("api", List.of(atTheEdge), NONE, NOW).score()).as("full in 30 min").hasValue(85);
    SeriesSignal slow = new SeriesSignal("s-m", "api", "AWS/ECS:MemoryUtilization", SignalKind.MEMORY, 64, NOW, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(new MemoryTrend(64, 0.6, 20, NOW)));
    assertThat(scorer.assess("api", List.of(slow), NONE, NOW).score()).as("an hour from full: not within 30 min").hasValue(100);
    SeriesSignal almostFull = new SeriesSignal("s-m", "api", "AWS/ECS:MemoryUtilization", SignalKind.MEMORY, 85, NOW, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(new MemoryTrend(98, 4, 20, NOW)));
    HealthScorer.Assessment imminent = scorer.assess("api", List.of(almostFull), NONE, NOW);
    assertThat(imminent.topReason()).endsWith("memory rising 4.0% a minute: full within a minute");
    // 85% takes the warning saturation (10), the imminent kill at most what a kill takes (40).
    assertThat(imminent.score()).hasValue(50);
  }

  @Test
  void statusBands() {
    assertThat(scorer.band(100)).isEqualTo(HealthStatus.HEALTHY);
    assertThat(scorer.band(90)).isEqualTo(HealthStatus.HEALTHY);
    assertThat(scorer.band(89)).isEqualTo(HealthStatus.DEGRADED);
    assertThat(scorer.band(70)).isEqualTo(HealthStatus.DEGRADED);
    assertThat(scorer.band(69)).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(scorer.band(0)).isEqualTo(HealthStatus.UNHEALTHY);
  }
}
