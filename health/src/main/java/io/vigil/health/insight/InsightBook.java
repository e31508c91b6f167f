package io.vigil.health.insight;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.config.HealthConfig;
import io.vigil.health.ComponentKind;
import io.vigil.health.Evidence;
import io.vigil.health.HealthComponent;
import io.vigil.health.HealthStatus;
import io.vigil.health.SeriesSignal;
import io.vigil.health.ServiceHealth;
import io.vigil.health.SignalKind;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The insights of one partition's services (see the package documentation for the rules). Each
 * call of {@link #observe} takes one assessment of one service as the health stage publishes it
 * and answers the insight to publish, if the assessment changed one. Not thread-safe.
 */
public final class InsightBook {

  /** The component of a member that takes nothing off the score: a deployment, a refused connection. */
  static final String EVENT = "event";
  /** The checkpoint field that tells an insight checkpoint from a service's. */
  public static final String CHECKPOINT_FIELD = "insights";

  private final HealthConfig config;
  private final Map<String, ServiceInsights> services = new HashMap<>();
  private final Set<String> changed = new HashSet<>();

  /** One service's recent signs of trouble and its open insight, if any. */
  private static final class ServiceInsights {
    final Map<String, InsightMember> recent = new LinkedHashMap<>();
    Open open;
  }

  /** An open insight's running state. */
  private static final class Open {
    String id;
    long startMillis;
    int minScore = 100;
    boolean wasUnhealthy;
    long healthySinceMillis = -1;
    String topReason = "";
    final Map<String, InsightMember> members = new LinkedHashMap<>();
    Insight published;
  }

  public InsightBook(HealthConfig config) {
    this.config = config;
  }

  /** The insight {@code health} (with its service's current {@code signals}) opens, changes or closes, if any. */
  public Optional<Insight> observe(ServiceHealth health, Collection<SeriesSignal> signals, long nowMillis) {
    String name = health.service();
    ServiceInsights service = services.computeIfAbsent(name, key -> new ServiceInsights());
    List<InsightMember> sightings = sightings(health, signals, nowMillis);
    sightings.forEach(seen -> service.recent.merge(seen.subject(), seen, this::merge));
    long keepMillis = Math.max(config.insights().lookbackSeconds(), config.insights().deploymentWindowSeconds()) * 1000L;
    long dataMillis = dataTime(sightings, nowMillis);
    service.recent.values().removeIf(member -> member.lastMillis() < dataMillis - keepMillis);
    changed.add(name);

    // A stale service is judged by its last known score: one that went quiet while healthy closes
    // its insight as usual, one whose data stopped mid-incident keeps it open; stale data opens none.
    boolean scored = health.score().isPresent();
    boolean troubled = scored && health.score().getAsInt() < config.bands().healthyAtLeast();
    Open open = service.open;
    if (open == null) {
      if (!troubled || health.status() == HealthStatus.STALE) {
        return Optional.empty();
      }
      open = open(name, service, sightings, dataMillis);
      service.open = open;
    }
    for (InsightMember seen : sightings) {
      if (seen.trouble() && seen.lastMillis() < open.startMillis) {
        continue; // an older sign (a long-decaying anomaly) that was not part of this incident when it opened
      }
      if (open.members.containsKey(seen.subject()) || open.members.size() < config.insights().maxMembers()) {
        open.members.merge(seen.subject(), seen, this::merge);
      }
    }
    if (troubled) {
      open.healthySinceMillis = -1;
      open.topReason = health.topReason();
      open.minScore = Math.min(open.minScore, health.score().getAsInt());
      open.wasUnhealthy |= health.status() == HealthStatus.UNHEALTHY;
    } else if (scored && open.healthySinceMillis < 0) {
      // back in the band: the quiet period starts
      open.healthySinceMillis = nowMillis;
    }
    if (quietLongEnough(open, nowMillis)) {
      return Optional.of(close(name, service, nowMillis));
    }
    Insight insight = insight(name, open, false, nowMillis);
    if (sameAs(open.published, insight)) {
      return Optional.empty();
    }
    open.published = insight;
    return Optional.of(insight);
  }

  /**
   * The insights whose service has been healthy for the quiet period by {@code nowMillis}, closed.
   * A healthy service's assessment is published only once a minute, so the stage asks this on
   * every tick rather than waiting for the next assessment.
   */
  public List<Insight> closeQuiet(long nowMillis) {
    List<Insight> closed = new ArrayList<>();
    services.forEach((name, service) -> {
      if (service.open != null && quietLongEnough(service.open, nowMillis)) {
        closed.add(close(name, service, nowMillis));
        changed.add(name);
      }
    });
    return closed;
  }

  private boolean quietLongEnough(Open open, long nowMillis) {
    return open.healthySinceMillis >= 0 && nowMillis - open.healthySinceMillis >= config.insights().quietSeconds() * 1000L;
  }

  private Insight close(String name, ServiceInsights service, long nowMillis) {
    Open open = service.open;
    Insight insight = insight(name, open, true, nowMillis);
    long endMillis = open.healthySinceMillis;
    service.open = null;
    service.recent.values().removeIf(member -> member.lastMillis() <= endMillis);
    return insight;
  }

  private Open open(String name, ServiceInsights service, List<InsightMember> sightings, long dataMillis) {
    long lookbackMillis = config.insights().lookbackSeconds() * 1000L;
    long linkGapMillis = config.insights().linkGapSeconds() * 1000L;
    // What the score reads now belongs: the signs of the current assessment that are states (a
    // saturation, a kill, a failing probe), not decaying anomalies, and else the latest sign, even
    // when the assessment comes late (a restart, or a backfill read at its own pace; the lookback is
    // counted back from the newest data, not the clock). From there back a sign is linked if it was
    // still seen at most the link gap before the earliest linked one began; the first one that is
    // not ends the chain (every older one ended even earlier).
    Set<String> linked = new HashSet<>();
    sightings.stream().filter(seen -> seen.trouble() && seen.anomalyIds().isEmpty()).forEach(seen -> linked.add(seen.subject()));
    List<InsightMember> trouble = service.recent.values().stream()
        .filter(member -> member.trouble() && (linked.contains(member.subject()) || member.lastMillis() >= dataMillis - lookbackMillis))
        .sorted(Comparator.comparingLong(InsightMember::lastMillis).reversed())
        .toList();
    long start = Long.MAX_VALUE;
    for (InsightMember member : trouble) {
      if (linked.contains(member.subject())) {
        start = Math.min(start, member.firstMillis());
      }
    }
    for (InsightMember member : trouble) {
      if (linked.contains(member.subject())) {
        continue;
      }
      if (start != Long.MAX_VALUE && member.lastMillis() < start - linkGapMillis) {
        break;
      }
      linked.add(member.subject());
      start = Math.min(start, member.firstMillis());
    }
    start = Math.min(start, dataMillis);
    Open open = new Open();
    open.startMillis = start;
    open.id = idOf(name, open.startMillis);
    long deploymentWindowMillis = config.insights().deploymentWindowSeconds() * 1000L;
    service.recent.values().stream()
        .filter(member -> member.trouble() ? linked.contains(member.subject()) : member.firstMillis() >= open.startMillis - deploymentWindowMillis)
        .sorted(Comparator.comparingLong(InsightMember::firstMillis))
        .limit(config.insights().maxMembers())
        .forEach(member -> open.members.put(member.subject(), member));
    return open;
  }

  /**
   * The time the assessment's data is from: its newest sign, or the clock when it has none. Signs
   * are older than the clock by the pipeline's lag, and by hours while a backfill is read.
   */
  private static long dataTime(List<InsightMember> sightings, long nowMillis) {
    return Math.min(nowMillis, sightings.stream().mapToLong(InsightMember::lastMillis).max().orElse(nowMillis));
  }

  /** A stable id: the same service and start give the same id, on any process and after a restart. */
  static String idOf(String service, long startMillis) {
    return "in-" + Integer.toUnsignedString(service.hashCode(), 36) + "-" + Long.toString(startMillis, 36);
  }

  /**
   * A member seen again. Seen again after a quiet spell longer than the link gap, it is a new
   * episode of that series and starts afresh (so a blip long before does not date the trouble), and
   * a sighting from well before the episode is not part of it; and
   * a sighting behind a deduction with a meaning of its own (saturation, latency, errors,
   * availability) names the member's component over a bare anomaly's.
   */
  private InsightMember merge(InsightMember held, InsightMember seen) {
    long gapMillis = config.insights().linkGapSeconds() * 1000L;
    if (seen.trouble() && seen.firstMillis() > held.lastMillis() + gapMillis) {
      return seen;
    }
    if (seen.trouble() && seen.lastMillis() < held.firstMillis() - gapMillis) {
      return held;
    }
    InsightMember merged = held.seenAgain(seen.firstMillis(), seen.peakValue(), seen.anomalyIds().isEmpty() ? "" : seen.anomalyIds().get(0), seen.log())
        .seenAgain(seen.lastMillis(), seen.peakValue(), "", seen.log());
    boolean named = !seen.component().equals(ComponentKind.ANOMALIES.wireName()) && !seen.component().equals(merged.component());
    return named && seen.trouble() ? merged.withComponent(seen.component()) : merged;
  }

  /** The signs of trouble in one assessment: the facts behind its deductions, and the log events that name a cause. */
  private List<InsightMember> sightings(ServiceHealth health, Collection<SeriesSignal> signals, long nowMillis) {
    Map<String, SeriesSignal> bySubject = new HashMap<>();
    signals.forEach(signal -> bySubject.put(signal.seriesId(), signal));
    List<InsightMember> out = new ArrayList<>();
    for (HealthComponent component : health.components()) {
      for (Evidence fact : component.evidence()) {
        SeriesSignal signal = bySubject.get(fact.subject());
        boolean dependency = component.kind() == ComponentKind.DEPENDENCY;
        SignalKind kind = signal != null ? signal.kind() : SignalKind.OTHER;
        // The series' own value (an anomaly's evidence carries its score), so a member's peak is in the metric's units.
        double value = signal != null ? signal.value() : fact.value();
        out.add(new InsightMember(fact.subject(), dependency ? fact.subject() : health.service(), fact.metric(), kind,
            component.kind().wireName(), fact.timestampMillis(), fact.timestampMillis(), value,
            fact.anomalyId().isEmpty() ? List.of() : List.of(fact.anomalyId()), fact.log()));
      }
    }
    long keepMillis = Math.max(config.insights().lookbackSeconds(), config.insights().deploymentWindowSeconds()) * 1000L;
    for (SeriesSignal signal : signals) {
      boolean namesCause = signal.kind() == SignalKind.DEPLOYMENT || signal.kind() == SignalKind.DEPENDENCY_REFUSED;
      if (namesCause && nowMillis - signal.timestampMillis() <= keepMillis) {
        out.add(new InsightMember(signal.seriesId(), health.service(), signal.metric(), signal.kind(), EVENT, signal.timestampMillis(),
            signal.timestampMillis(), signal.value(), List.of(), signal.log()));
      }
    }
    return out;
  }

  private Insight insight(String name, Open open, boolean closing, long nowMillis) {
    List<InsightMember> timeline = new ArrayList<>(open.members.values());
    timeline.sort(Comparator.comparingLong(InsightMember::firstMillis).thenComparing(InsightMember::subject));
    Set<String> affected = new LinkedHashSet<>();
    affected.add(name);
    Set<String> metrics = new LinkedHashSet<>();
    for (InsightMember member : timeline) {
      if (member.component().equals(ComponentKind.DEPENDENCY.wireName())) {
        affected.add(member.service());
      } else if (member.trouble()) {
        metrics.add(member.metric());
      }
    }
    List<ProbableCause> causes = CauseRanker.rank(name, open.startMillis, timeline, config);
    return new Insight(open.id, name, closing ? InsightStatus.CLOSED : InsightStatus.OPEN, open.wasUnhealthy ? Severity.CRITICAL : Severity.WARNING,
        open.startMillis, closing ? OptionalLong.of(open.healthySinceMillis) : OptionalLong.empty(), nowMillis, open.minScore, open.topReason,
        new ArrayList<>(affected), new ArrayList<>(metrics), timeline, causes);
  }

  /** Nothing a reader would see changed but the time of the assessment. */
  private static boolean sameAs(Insight before, Insight now) {
    return before != null && before.status() == now.status() && before.minScore() == now.minScore()
        && before.topReason().equals(now.topReason()) && before.timeline().equals(now.timeline()) && before.causes().equals(now.causes());
  }

  /** Restores services from their checkpoints (the ones with {@link #CHECKPOINT_FIELD}). */
  public void restore(Collection<JsonObject> checkpoints) {
    for (JsonObject checkpoint : checkpoints) {
      JsonObject state = checkpoint.getJsonObject(CHECKPOINT_FIELD);
      ServiceInsights service = new ServiceInsights();
      state.getJsonArray("recent").forEach(member -> {
        InsightMember restored = InsightMember.fromJson((JsonObject) member);
        service.recent.put(restored.subject(), restored);
      });
      JsonObject open = state.getJsonObject("open");
      if (open != null) {
        Open restored = new Open();
        restored.id = open.getString("id");
        restored.startMillis = open.getLong("startMillis");
        restored.minScore = open.getInteger("minScore");
        restored.wasUnhealthy = open.getBoolean("wasUnhealthy");
        restored.healthySinceMillis = open.getLong("healthySinceMillis");
        restored.topReason = open.getString("topReason");
        open.getJsonArray("members").forEach(member -> {
          InsightMember held = InsightMember.fromJson((JsonObject) member);
          restored.members.put(held.subject(), held);
        });
        JsonObject published = open.getJsonObject("published");
        restored.published = published == null ? null : Insight.fromJson(published);
        service.open = restored;
      }
      services.put(checkpoint.getString("service"), service);
    }
  }

  /** Checkpoints (key, state) of the services whose insights changed since the last call; they count as saved from now on. */
  public Map<String, JsonObject> changedSinceLastCheckpoint() {
    Map<String, JsonObject> checkpoints = new HashMap<>();
    for (String name : changed) {
      ServiceInsights service = services.get(name);
      JsonArray recent = new JsonArray();
      service.recent.values().forEach(member -> recent.add(member.toJson()));
      JsonObject state = new JsonObject().put("recent", recent);
      Open open = service.open;
      if (open != null) {
        JsonArray members = new JsonArray();
        open.members.values().forEach(member -> members.add(member.toJson()));
        state.put("open", new JsonObject().put("id", open.id).put("startMillis", open.startMillis).put("minScore", open.minScore)
            .put("wasUnhealthy", open.wasUnhealthy).put("healthySinceMillis", open.healthySinceMillis).put("topReason", open.topReason)
            .put("members", members).put("published", open.published == null ? null : open.published.toJson()));
      }
      checkpoints.put(checkpointKey(name), new JsonObject().put("service", name).put(CHECKPOINT_FIELD, state));
    }
    changed.clear();
    return checkpoints;
  }

  /** The checkpoint key of a service's insights, beside its health checkpoint (keyed by the bare name). */
  public static String checkpointKey(String service) {
    return CHECKPOINT_FIELD + "/" + service;
  }

  /** Saving these checkpoints failed: offer them again at the next checkpoint. */
  public void unsaved(Collection<String> keys) {
    String prefix = CHECKPOINT_FIELD + "/";
    keys.stream().filter(key -> key.startsWith(prefix)).map(key -> key.substring(prefix.length())).filter(services::containsKey).forEach(changed::add);
  }

  public int openCount() {
    return (int) services.values().stream().filter(service -> service.open != null).count();
  }
}
