package io.vigil.health;

import io.vigil.config.HealthConfig;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Scores one service from the latest signal of each of its series: 100 less the deductions of its
 * components, each deduction explained and backed by evidence. Pure: the time is an argument and
 * dependencies' health is asked of a {@link Dependencies} lookup, so the maths is tested by hand.
 *
 * <p>Anomalies count by severity, decaying by half every {@code health.anomalyHalfLifeSeconds}
 * after they happened: breadth is the sum over the service's series, so two anomalous series take
 * more than one, and the score climbs back gradually once they stop. Anomalies on golden signals
 * (errors, latency) weigh {@code goldenSignalWeight} more and count in their own components.
 * Saturation, error ratio, availability and latency against its own baseline count from the
 * latest values, anomalous or not. A
 * container killed for memory counts under saturation for {@code health.memoryKillSeconds}; a
 * burst of error lines in one of the service's log groups counts under logs, decaying like an
 * anomaly.
 */
public final class HealthScorer {

  /** A deduction smaller than this is left out, so a long-decayed anomaly does not linger as 0.0. */
  static final double NEGLIGIBLE = 0.5;
  /** Missing tasks take at least this share of the missing-tasks deduction, however few are missing. */
  static final double MIN_MISSING_SHARE = 1.0 / 3;

  /** What a service's dependency looks like to its dependents. */
  public record DependencyHealth(String service, OptionalInt score, HealthStatus status, String topReason, long updatedAtMillis) {}

  /** The latest known health of other services. */
  @FunctionalInterface
  public interface Dependencies {
    Optional<DependencyHealth> of(String service);
  }

  /** One assessment: score (none when unknown), status, deductions worst first, and the top reason. */
  public record Assessment(OptionalInt score, HealthStatus status, List<HealthComponent> components, String topReason) {

    public Assessment {
      components = List.copyOf(components);
    }
  }

  private final HealthConfig config;

  public HealthScorer(HealthConfig config) {
    this.config = config;
  }

  /** The health of {@code service} at {@code nowMillis} from the latest signal of each of its series. */
  public Assessment assess(String service, Collection<SeriesSignal> signals, Dependencies dependencies, long nowMillis) {
    if (signals.isEmpty()) {
      return new Assessment(OptionalInt.empty(), HealthStatus.UNKNOWN, List.of(), "no data yet for " + service);
    }
    List<HealthComponent> components = new ArrayList<>();
    errors(signals, nowMillis).ifPresent(components::add);
    availability(signals).ifPresent(components::add);
    saturation(signals, nowMillis).ifPresent(components::add);
    latency(signals, nowMillis).ifPresent(components::add);
    anomalies(ComponentKind.ANOMALIES, signals, nowMillis).ifPresent(components::add);
    logErrors(signals, nowMillis).ifPresent(components::add);
    dependency(service, dependencies).ifPresent(components::add);
    components.sort(Comparator.comparingDouble(HealthComponent::deduction).reversed().thenComparing(HealthComponent::kind));

    double deducted = components.stream().mapToDouble(HealthComponent::deduction).sum();
    int score = (int) Math.round(Math.max(0, Math.min(100, 100 - deducted)));
    long newestMillis = signals.stream().mapToLong(SeriesSignal::timestampMillis).max().orElseThrow();
    String topReason = components.isEmpty() ? "no deductions" : components.get(0).reason();
    HealthStatus status = band(score);
    if (nowMillis - newestMillis > 3L * config.expectedIntervalSeconds() * 1000) {
      status = HealthStatus.STALE;
      topReason = "no data for " + Reasons.minutes(nowMillis - newestMillis) + " (three intervals of " + config.expectedIntervalSeconds()
          + " s); last known: " + topReason;
    }
    return new Assessment(OptionalInt.of(score), status, components, topReason);
  }

  /** The status band of a score. */
  public HealthStatus band(int score) {
    if (score >= config.bands().healthyAtLeast()) {
      return HealthStatus.HEALTHY;
    }
    return score >= config.bands().degradedAtLeast() ? HealthStatus.DEGRADED : HealthStatus.UNHEALTHY;
  }

  /** The 5xx ratio against its limits, and anomalies on the error series. */
  private Optional<HealthComponent> errors(Collection<SeriesSignal> signals, long nowMillis) {
    HealthConfig.Limits limits = config.limits();
    HealthConfig.Deductions deductions = config.deductions();
    double errors = 0;
    double requests = 0;
    boolean haveErrors = false;
    boolean haveRequests = false;
    List<Evidence> evidence = new ArrayList<>();
    for (SeriesSignal signal : signals) {
      if (signal.kind() == SignalKind.ERRORS) {
        errors += signal.value();
        haveErrors = true;
        evidence.add(fact(signal));
      } else if (signal.kind() == SignalKind.REQUESTS) {
        requests += signal.value();
        haveRequests = true;
        evidence.add(fact(signal));
      }
    }
    double deduction = 0;
    String reason = "";
    if (haveErrors && haveRequests && errors > 0) {
      double ratio = requests > 0 ? errors / requests : 1;
      if (ratio >= limits.errorRatioSerious()) {
        deduction = deductions.errorRatioSerious();
      } else if (ratio >= limits.errorRatioWarn()) {
        deduction = deductions.errorRatioWarn();
      }
      if (deduction > 0) {
        reason = String.format(Locale.ROOT, "5xx errors at %.1f%% of requests (%s from %.1f%%)", ratio * 100,
            ratio >= limits.errorRatioSerious() ? "serious" : "warning", (ratio >= limits.errorRatioSerious() ? limits.errorRatioSerious() : limits.errorRatioWarn()) * 100);
      }
    }
    Optional<HealthComponent> anomalous = anomalies(ComponentKind.ERRORS, signals, nowMillis);
    if (anomalous.isPresent()) {
      deduction += anomalous.get().deduction();
      reason = reason.isEmpty() ? anomalous.get().reason() : reason + "; " + anomalous.get().reason();
      anomalous.get().evidence().stream().filter(fact -> !evidence.contains(fact)).forEach(evidence::add);
    }
    if (deduction < NEGLIGIBLE) {
      return Optional.empty();
    }
    return Optional.of(new HealthComponent(ComponentKind.ERRORS, deduction, reason, evidence));
  }

  /** Unhealthy hosts, running tasks below desired, failing probes. */
  private Optional<HealthComponent> availability(Collection<SeriesSignal> signals) {
    HealthConfig.Deductions deductions = config.deductions();
    double deduction = 0;
    List<String> reasons = new ArrayList<>();
    List<Evidence> evidence = new ArrayList<>();
    double unhealthy = 0;
    List<Evidence> unhealthyFacts = new ArrayList<>();
    double running = 0;
    double desired = 0;
    boolean haveRunning = false;
    boolean haveDesired = false;
    List<Evidence> taskFacts = new ArrayList<>();
    List<Evidence> probeFacts = new ArrayList<>();
    for (SeriesSignal signal : signals) {
      switch (signal.kind()) {
        case UNHEALTHY_HOSTS -> {
          if (signal.value() > 0) {
            unhealthy += signal.value();
            unhealthyFacts.add(fact(signal));
          }
        }
        case RUNNING_TASKS -> {
          running += signal.value();
          haveRunning = true;
          taskFacts.add(fact(signal));
        }
        case DESIRED_TASKS -> {
          desired += signal.value();
          haveDesired = true;
          taskFacts.add(fact(signal));
        }
        case PROBE -> {
          if (signal.value() < 1) {
            probeFacts.add(fact(signal));
          }
        }
        default -> {
        }
      }
    }
    if (unhealthy > 0) {
      deduction += deductions.unhealthyHosts();
      reasons.add(String.format(Locale.ROOT, "%.0f unhealthy host%s behind the load balancer", unhealthy, unhealthy == 1 ? "" : "s"));
      evidence.addAll(unhealthyFacts);
    }
    if (haveRunning && haveDesired && desired > 0 && running < desired) {
      double share = Math.max(MIN_MISSING_SHARE, (desired - running) / desired);
      deduction += deductions.missingTasks() * share;
      reasons.add(String.format(Locale.ROOT, "%.0f of %.0f desired tasks running", running, desired));
      evidence.addAll(taskFacts);
    }
    if (!probeFacts.isEmpty()) {
      deduction += deductions.failingProbe();
      reasons.add(probeFacts.size() == 1 ? "a probe is failing" : probeFacts.size() + " probes are failing");
      evidence.addAll(probeFacts);
    }
    if (deduction < NEGLIGIBLE) {
      return Optional.empty();
    }
    return Optional.of(new HealthComponent(ComponentKind.AVAILABILITY, deduction, String.join("; ", reasons), evidence));
  }

  /**
   * Memory heading for its limit: {@code memoryRising} when it would be full at the edge of
   * {@code memoryFullWithinMinutes}, growing as the kill it precedes comes nearer (inversely with
   * the minutes left), and never more than the kill itself would take.
   */
  private double risingDeduction(double minutesToFull) {
    HealthConfig.Deductions deductions = config.deductions();
    double nearness = config.limits().memoryFullWithinMinutes() / Math.max(minutesToFull, 1.0);
    return Math.min(Math.max(deductions.memoryKill(), deductions.memoryRising()), deductions.memoryRising() * Math.max(1.0, nearness));
  }

  /** A recent kill for memory, then CPU and memory near their limits, the worst series of each. */
  private Optional<HealthComponent> saturation(Collection<SeriesSignal> signals, long nowMillis) {
    HealthConfig.Limits limits = config.limits();
    Optional<SeriesSignal> cpu = worst(signals, SignalKind.CPU);
    Optional<SeriesSignal> memory = worst(signals, SignalKind.MEMORY);
    double deduction = 0;
    List<String> reasons = new ArrayList<>();
    List<Evidence> evidence = new ArrayList<>();
    List<SeriesSignal> kills = signals.stream()
        .filter(signal -> signal.kind() == SignalKind.MEMORY_KILL && nowMillis - signal.timestampMillis() <= config.memoryKillSeconds() * 1000L)
        .sorted(Comparator.comparingLong(SeriesSignal::timestampMillis).reversed())
        .toList();
    if (!kills.isEmpty()) {
      deduction += config.deductions().memoryKill();
      reasons.add("container killed for memory " + Reasons.minutes(nowMillis - kills.get(0).timestampMillis()) + " ago");
      kills.forEach(kill -> evidence.add(fact(kill)));
    }
    // Memory first: near its limit it is what precedes a kill for memory.
    if (memory.isPresent()) {
      deduction += saturated(memory.get(), "memory", limits.memoryWarnPercent(), limits.memorySeriousPercent(), reasons, evidence);
    }
    Optional<SeriesSignal> rising = signals.stream()
        .filter(signal -> signal.kind() == SignalKind.MEMORY && signal.trend().isPresent())
        .filter(signal -> signal.trend().get().slopePerMinute() >= limits.memoryRisePerMinute()
            && signal.trend().get().minutesTo(100) <= limits.memoryFullWithinMinutes())
        .min(Comparator.comparingDouble(signal -> signal.trend().get().minutesTo(100)));
    if (rising.isPresent() && rising.get().value() < 100) {
      MemoryTrend heading = rising.get().trend().get();
      double minutesToFull = heading.minutesTo(100);
      deduction += risingDeduction(minutesToFull);
      reasons.add(String.format(Locale.ROOT, "memory rising %.1f%% a minute: %s", heading.slopePerMinute(),
          minutesToFull < 1 ? "full within a minute" : "full in about " + Reasons.minutes((long) (minutesToFull * 60_000))));
      if (!evidence.contains(fact(rising.get()))) {
        evidence.add(fact(rising.get()));
      }
    }
    if (cpu.isPresent()) {
      deduction += saturated(cpu.get(), "CPU", limits.cpuWarnPercent(), limits.cpuSeriousPercent(), reasons, evidence);
    }
    if (deduction < NEGLIGIBLE) {
      return Optional.empty();
    }
    return Optional.of(new HealthComponent(ComponentKind.SATURATION, deduction, String.join("; ", reasons), evidence));
  }

  private double saturated(SeriesSignal signal, String what, double warn, double serious, List<String> reasons, List<Evidence> evidence) {
    boolean isSerious = signal.value() >= serious;
    if (!isSerious && signal.value() < warn) {
      return 0;
    }
    reasons.add(String.format(Locale.ROOT, "%s at %.0f%% (%s from %.0f%%)", what, signal.value(), isSerious ? "serious" : "warning",
        isSerious ? serious : warn));
    evidence.add(fact(signal));
    return isSerious ? config.deductions().saturationSerious() : config.deductions().saturationWarn();
  }

  private static Optional<SeriesSignal> worst(Collection<SeriesSignal> signals, SignalKind kind) {
    return signals.stream().filter(signal -> signal.kind() == kind).max(Comparator.comparingDouble(SeriesSignal::value));
  }

  /**
   * The decayed anomalies of the series that belong in {@code component}: errors or latency
   * series for those, every other series for {@code anomalies} (capped at maxAnomalies).
   */
  private Optional<HealthComponent> anomalies(ComponentKind component, Collection<SeriesSignal> signals, long nowMillis) {
    HealthConfig.Deductions deductions = config.deductions();
    double halfLifeMillis = config.anomalyHalfLifeSeconds() * 1000.0;
    double deduction = 0;
    int anomalous = 0;
    SeriesSignal latest = null;
    List<Evidence> evidence = new ArrayList<>();
    for (SeriesSignal signal : signals) {
      if (signal.anomaly().isEmpty() || signal.kind().fromLogs() || componentOf(signal.kind()) != component) {
        continue;
      }
      AnomalyMark mark = signal.anomaly().get();
      double weight = mark.severity() == Severity.CRITICAL ? deductions.criticalAnomaly() : deductions.warningAnomaly();
      if (signal.kind().golden()) {
        weight *= deductions.goldenSignalWeight();
      }
      double ageMillis = Math.max(0, nowMillis - mark.timestampMillis());
      double decayed = weight * Math.pow(0.5, ageMillis / halfLifeMillis);
      if (decayed < NEGLIGIBLE / 2) {
        continue;
      }
      deduction += decayed;
      anomalous++;
      evidence.add(new Evidence(signal.seriesId(), signal.metric(), mark.score(), mark.timestampMillis(), mark.id()));
      if (latest == null || mark.timestampMillis() > latest.anomaly().get().timestampMillis()) {
        latest = signal;
      }
    }
    deduction = Math.min(deduction, deductions.maxAnomalies() * (component == ComponentKind.ANOMALIES ? 1 : deductions.goldenSignalWeight()));
    if (deduction < NEGLIGIBLE) {
      return Optional.empty();
    }
    AnomalyMark mark = latest.anomaly().get();
    String what = switch (component) {
      case ERRORS -> "anomalous errors";
      case LATENCY -> "anomalous latency";
      default -> anomalous == 1 ? "an anomalous series" : "anomalies on " + anomalous + " series";
    };
    String reason = String.format(Locale.ROOT, "%s (latest %s, %s, %s ago)", what, Reasons.shortMetric(latest.metric()), mark.severity().wireName(),
        Reasons.minutes(nowMillis - mark.timestampMillis()));
    return Optional.of(new HealthComponent(component, deduction, reason, evidence));
  }

  /** Latency above its own baseline (the worst series), and anomalies on latency series. */
  private Optional<HealthComponent> latency(Collection<SeriesSignal> signals, long nowMillis) {
    HealthConfig.Limits limits = config.limits();
    double deduction = 0;
    List<String> reasons = new ArrayList<>();
    List<Evidence> evidence = new ArrayList<>();
    Optional<SeriesSignal> slowest = signals.stream()
        .filter(signal -> signal.kind() == SignalKind.LATENCY && signal.baseline().map(normal -> !Double.isNaN(normal.ratio())).orElse(false))
        .max(Comparator.comparingDouble(signal -> signal.baseline().get().ratio()));
    if (slowest.isPresent()) {
      LatencyBaseline normal = slowest.get().baseline().get();
      double ratio = normal.ratio();
      boolean serious = ratio >= limits.latencySeriousRatio();
      if (serious || ratio >= limits.latencyWarnRatio()) {
        deduction += serious ? config.deductions().latencySerious() : config.deductions().latencyWarn();
        reasons.add(String.format(Locale.ROOT, "%s at %.2f times its baseline (%s from %.1f: %.3g against %.3g)",
            Reasons.shortMetric(slowest.get().metric()), ratio, serious ? "serious" : "warning",
            serious ? limits.latencySeriousRatio() : limits.latencyWarnRatio(), normal.recent(), normal.baseline()));
        evidence.add(fact(slowest.get()));
      }
    }
    Optional<HealthComponent> anomalous = anomalies(ComponentKind.LATENCY, signals, nowMillis);
    if (anomalous.isPresent()) {
      deduction += anomalous.get().deduction();
      reasons.add(anomalous.get().reason());
      anomalous.get().evidence().stream().filter(fact -> !evidence.contains(fact)).forEach(evidence::add);
    }
    if (deduction < NEGLIGIBLE) {
      return Optional.empty();
    }
    return Optional.of(new HealthComponent(ComponentKind.LATENCY, deduction, String.join("; ", reasons), evidence));
  }

  /** Bursts of error lines, per log group, decaying like anomalies. */
  private Optional<HealthComponent> logErrors(Collection<SeriesSignal> signals, long nowMillis) {
    double halfLifeMillis = config.anomalyHalfLifeSeconds() * 1000.0;
    double deduction = 0;
    List<String> reasons = new ArrayList<>();
    List<Evidence> evidence = new ArrayList<>();
    for (SeriesSignal signal : signals) {
      if (signal.kind() != SignalKind.LOG_ERRORS || signal.anomaly().isEmpty()) {
        continue;
      }
      AnomalyMark burst = signal.anomaly().get();
      double weight = config.deductions().logErrorBurst() * (burst.severity() == Severity.CRITICAL ? 1 : 0.5);
      double decayed = weight * Math.pow(0.5, Math.max(0, nowMillis - burst.timestampMillis()) / halfLifeMillis);
      if (decayed < NEGLIGIBLE / 2) {
        continue;
      }
      deduction += decayed;
      String group = signal.log().map(LogMark::logGroup).orElse(Reasons.shortMetric(signal.metric()));
      reasons.add(String.format(Locale.ROOT, "a burst of error lines in %s (%s, %s ago)", group, burst.severity().wireName(),
          Reasons.minutes(nowMillis - burst.timestampMillis())));
      evidence.add(new Evidence(signal.seriesId(), signal.metric(), signal.value(), burst.timestampMillis(), burst.id(), signal.log()));
    }
    deduction = Math.min(deduction, config.deductions().logErrorBurst());
    if (deduction < NEGLIGIBLE) {
      return Optional.empty();
    }
    return Optional.of(new HealthComponent(ComponentKind.LOGS, deduction, String.join("; ", reasons), evidence));
  }

  private static ComponentKind componentOf(SignalKind kind) {
    return switch (kind) {
      case ERRORS -> ComponentKind.ERRORS;
      case LATENCY -> ComponentKind.LATENCY;
      default -> ComponentKind.ANOMALIES;
    };
  }

  /** A dependency that is unhealthy or degraded; one whose health is unknown or stale takes nothing. */
  private Optional<HealthComponent> dependency(String service, Dependencies dependencies) {
    double deduction = 0;
    List<String> reasons = new ArrayList<>();
    List<Evidence> evidence = new ArrayList<>();
    for (String name : config.dependencies().getOrDefault(service, List.of())) {
      Optional<DependencyHealth> found = dependencies.of(name);
      if (found.isEmpty() || found.get().score().isEmpty()) {
        continue;
      }
      DependencyHealth health = found.get();
      double taken = switch (health.status()) {
        case UNHEALTHY -> config.deductions().dependencyUnhealthy();
        case DEGRADED -> config.deductions().dependencyDegraded();
        default -> 0;
      };
      if (taken == 0) {
        continue;
      }
      deduction += taken;
      reasons.add("dependency " + name + " is " + health.status().wireName() + " (" + health.score().getAsInt() + "): " + health.topReason());
      evidence.add(new Evidence(name, "health", health.score().getAsInt(), health.updatedAtMillis(), ""));
    }
    if (deduction < NEGLIGIBLE) {
      return Optional.empty();
    }
    return Optional.of(new HealthComponent(ComponentKind.DEPENDENCY, deduction, String.join("; ", reasons), evidence));
  }

  private static Evidence fact(SeriesSignal signal) {
    return new Evidence(signal.seriesId(), signal.metric(), signal.value(), signal.timestampMillis(),
        signal.anomaly().map(AnomalyMark::id).orElse(""), signal.log());
  }

  /** Deductions are shown to one decimal. */
  static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
