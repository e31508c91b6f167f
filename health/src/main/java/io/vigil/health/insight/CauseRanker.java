package io.vigil.health.insight;

import io.vigil.config.HealthConfig;
import io.vigil.health.ComponentKind;
import io.vigil.health.Evidence;
import io.vigil.health.LogMark;
import io.vigil.health.Reasons;
import io.vigil.health.SignalKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Ranks the probable causes of one insight from its members. The confidences are fixed levels
 * that say how directly the members point at a cause, not fitted probabilities:
 * <ul>
 *   <li>{@code memory-kill}: a container was killed for memory; 0.95 when memory was seen rising
 *       or saturated before the kill, else 0.85.
 *   <li>{@code dependency}: connections refused (by port, the kind of server) and/or a configured
 *       dependency out of its healthy band; 0.9 with both, 0.8 with refusals alone, 0.7 with the
 *       dependency's health alone.
 *   <li>{@code deployment}: a deployment of the service shortly before the first sign of trouble
 *       (0.85 within ten minutes, 0.6 within the window) or during it (0.5).
 *   <li>{@code memory-saturation}: memory at its serious limit and no kill yet, 0.75; high or rising
 *       fast towards the limit, 0.65.
 *   <li>{@code first-signal}: the series that moved first; 0.4 plus up to 0.4 for its lead over the
 *       next one (full at five minutes), 0.6 when it is the only one.
 *   <li>{@code log-errors}: bursts of error lines, usually a symptom; 0.3.
 * </ul>
 */
public final class CauseRanker {

  static final long CLOSE_DEPLOYMENT_MILLIS = 10 * 60_000L;
  static final long FULL_LEAD_MILLIS = 5 * 60_000L;
  static final Map<Integer, String> SERVERS = Map.of(5432, "PostgreSQL", 3306, "MySQL", 6379, "Redis", 11211, "Memcached", 27017, "MongoDB",
      9092, "Kafka", 1433, "SQL Server", 1521, "Oracle");

  private CauseRanker() {}

  public static List<ProbableCause> rank(String service, long startMillis, List<InsightMember> timeline, HealthConfig config) {
    List<ProbableCause> causes = new ArrayList<>();
    memoryKill(timeline).ifPresent(causes::add);
    dependency(service, timeline, config).ifPresent(causes::add);
    deployment(timeline, config).ifPresent(causes::add);
    if (causes.stream().noneMatch(cause -> cause.kind().equals("memory-kill"))) {
      memorySaturation(timeline, config).ifPresent(causes::add);
    }
    firstSignal(timeline).ifPresent(causes::add);
    logErrors(timeline).ifPresent(causes::add);
    causes.sort(Comparator.comparingDouble(ProbableCause::confidence).reversed());
    return causes;
  }

  private static Optional<ProbableCause> memoryKill(List<InsightMember> timeline) {
    List<InsightMember> kills = timeline.stream().filter(member -> member.kind() == SignalKind.MEMORY_KILL).toList();
    if (kills.isEmpty()) {
      return Optional.empty();
    }
    long killMillis = kills.get(0).firstMillis();
    Optional<InsightMember> memory = timeline.stream()
        .filter(member -> member.kind() == SignalKind.MEMORY && member.firstMillis() < killMillis)
        .findFirst();
    List<Evidence> evidence = new ArrayList<>();
    memory.ifPresent(member -> evidence.add(member.evidence()));
    kills.forEach(kill -> evidence.add(kill.evidence()));
    String description = memory
        .map(member -> String.format(Locale.ROOT, "memory rose (%s, up to %.0f%%) until a container was killed for memory %s later",
            Reasons.shortMetric(member.metric()), member.peakValue(), Reasons.minutes(killMillis - member.firstMillis())))
        .orElse("a container was killed for memory (exit code 137)");
    return Optional.of(new ProbableCause("memory-kill", description, memory.isPresent() ? 0.95 : 0.85, evidence));
  }

  private static Optional<ProbableCause> dependency(String service, List<InsightMember> timeline, HealthConfig config) {
    List<InsightMember> refused = timeline.stream().filter(member -> member.kind() == SignalKind.DEPENDENCY_REFUSED).toList();
    List<InsightMember> unhealthy = timeline.stream().filter(member -> member.component().equals(ComponentKind.DEPENDENCY.wireName())).toList();
    if (refused.isEmpty() && unhealthy.isEmpty()) {
      return Optional.empty();
    }
    List<String> configured = config.dependencies().getOrDefault(service, List.of());
    String named = unhealthy.isEmpty() ? namedIn(refused, configured).orElse("") : unhealthy.get(0).service();
    List<String> parts = new ArrayList<>();
    if (!refused.isEmpty()) {
      int port = (int) refused.get(0).peakValue();
      String server = SERVERS.get(port);
      parts.add("connections" + (named.isEmpty() ? "" : " to " + named) + " were refused"
          + (port > 0 ? " (port " + port + (server == null ? "" : ", " + server) + ")" : ""));
    }
    if (!unhealthy.isEmpty()) {
      InsightMember dependency = unhealthy.get(0);
      parts.add(String.format(Locale.ROOT, "dependency %s fell to %.0f", dependency.service(), dependency.peakValue()));
    }
    List<Evidence> evidence = new ArrayList<>();
    refused.forEach(member -> evidence.add(member.evidence()));
    unhealthy.forEach(member -> evidence.add(member.evidence()));
    double confidence = !refused.isEmpty() && !unhealthy.isEmpty() ? 0.9 : !refused.isEmpty() ? 0.8 : 0.7;
    String description = (named.isEmpty() ? "a dependency" : "dependency " + named) + " is the likely cause: " + String.join("; ", parts);
    return Optional.of(new ProbableCause("dependency", description, confidence, evidence));
  }

  /** The configured dependency whose name a refusal's line mentions (a host name usually carries it). */
  private static Optional<String> namedIn(List<InsightMember> refused, List<String> configured) {
    for (String dependency : configured) {
      for (InsightMember member : refused) {
        if (member.log().map(log -> log.line().contains(dependency)).orElse(false)) {
          return Optional.of(dependency);
        }
      }
    }
    return configured.size() == 1 ? Optional.of(configured.get(0)) : Optional.empty();
  }

  private static Optional<ProbableCause> deployment(List<InsightMember> timeline, HealthConfig config) {
    Optional<Long> firstTrouble = timeline.stream().filter(InsightMember::trouble).map(InsightMember::firstMillis).min(Long::compare);
    if (firstTrouble.isEmpty()) {
      return Optional.empty();
    }
    long windowMillis = config.insights().deploymentWindowSeconds() * 1000L;
    long troubleMillis = firstTrouble.get();
    List<InsightMember> deployments = timeline.stream()
        .filter(member -> member.kind() == SignalKind.DEPLOYMENT && member.firstMillis() >= troubleMillis - windowMillis)
        .toList();
    // The last deployment before the trouble began, else the first one during it.
    Optional<InsightMember> deployment = deployments.stream().filter(member -> member.firstMillis() <= troubleMillis)
        .max(Comparator.comparingLong(InsightMember::firstMillis))
        .or(() -> deployments.stream().min(Comparator.comparingLong(InsightMember::firstMillis)));
    if (deployment.isEmpty()) {
      return Optional.empty();
    }
    long leadMillis = troubleMillis - deployment.get().firstMillis();
    double confidence = leadMillis < 0 ? 0.5 : leadMillis <= CLOSE_DEPLOYMENT_MILLIS ? 0.85 : 0.6;
    String what = deployment.get().log().map(LogMark::line).orElse("a deployment");
    String when = leadMillis < 0 ? "during the trouble" : Reasons.minutes(leadMillis) + " before the first sign of trouble";
    return Optional.of(new ProbableCause("deployment", "a deployment " + when + ": " + what, confidence, List.of(deployment.get().evidence())));
  }

  private static Optional<ProbableCause> memorySaturation(List<InsightMember> timeline, HealthConfig config) {
    Optional<InsightMember> memory = timeline.stream()
        .filter(member -> member.kind() == SignalKind.MEMORY && member.component().equals(ComponentKind.SATURATION.wireName()))
        .max(Comparator.comparingDouble(InsightMember::peakValue));
    if (memory.isEmpty()) {
      return Optional.empty();
    }
    InsightMember member = memory.get();
    if (member.peakValue() >= config.limits().memorySeriousPercent()) {
      return Optional.of(new ProbableCause("memory-saturation", String.format(Locale.ROOT,
          "memory near its limit (%s at %.0f%%): a kill for memory is likely next", Reasons.shortMetric(member.metric()), member.peakValue()),
          0.75, List.of(member.evidence())));
    }
    // In saturation but below the serious limit: high, or rising fast towards the limit.
    return Optional.of(new ProbableCause("memory-saturation", String.format(Locale.ROOT,
        "memory high or rising towards its limit (%s up to %.0f%%): a kill for memory follows if it goes on", Reasons.shortMetric(member.metric()),
        member.peakValue()), 0.65, List.of(member.evidence())));
  }

  private static Optional<ProbableCause> firstSignal(List<InsightMember> timeline) {
    List<InsightMember> series = timeline.stream()
        .filter(member -> member.trouble() && member.subject().startsWith("s-"))
        .sorted(Comparator.comparingLong(InsightMember::firstMillis))
        .toList();
    if (series.isEmpty()) {
      return Optional.empty();
    }
    InsightMember first = series.get(0);
    if (series.size() == 1) {
      return Optional.of(new ProbableCause("first-signal", Reasons.shortMetric(first.metric()) + " is the only series that moved", 0.6,
          List.of(first.evidence())));
    }
    InsightMember next = series.get(1);
    long leadMillis = next.firstMillis() - first.firstMillis();
    double confidence = 0.4 + 0.4 * Math.min(1, (double) leadMillis / FULL_LEAD_MILLIS);
    String description = Reasons.shortMetric(first.metric()) + " moved first, " + Reasons.minutes(leadMillis) + " before " + Reasons.shortMetric(next.metric());
    return Optional.of(new ProbableCause("first-signal", description, confidence, List.of(first.evidence(), next.evidence())));
  }

  private static Optional<ProbableCause> logErrors(List<InsightMember> timeline) {
    List<InsightMember> bursts = timeline.stream().filter(member -> member.kind() == SignalKind.LOG_ERRORS).toList();
    if (bursts.isEmpty()) {
      return Optional.empty();
    }
    String example = bursts.get(0).log().map(log -> ": " + log.line()).orElse("");
    return Optional.of(new ProbableCause("log-errors", "a burst of error lines in " + Reasons.shortMetric(bursts.get(0).metric()) + example, 0.3,
        bursts.stream().map(InsightMember::evidence).toList()));
  }
}
