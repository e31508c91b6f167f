package io.vigil.health;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The services of one partition of {@code vigil.health-signals}: the latest signal of each of
 * their series, their score history, and when each was last published. {@link #due} scores the
 * services that are due: those whose signals changed (at most once per call, however many signals
 * came), those with dependencies (a dependency's score may have moved), and every service once a
 * minute so its history and staleness keep moving with no data at all. A service is published
 * when its assessment changed or its minute came round.
 *
 * <p>A series not heard from for {@link #FORGET_AFTER_MILLIS} is forgotten, so series that went
 * away (replaced tasks) do not count for ever. Pure and not thread-safe: one partition's book is
 * used by one event loop.
 */
public final class ServiceBook {

  public static final long PUBLISH_EVERY_MILLIS = 60_000;
  public static final long FORGET_AFTER_MILLIS = 24 * 3_600_000L;

  private final HealthScorer scorer;
  private final Set<String> dependents;
  private final Map<String, Service> services = new HashMap<>();
  private final Set<String> changed = new HashSet<>();

  private static final class Service {
    final Map<String, SeriesSignal> signals = new LinkedHashMap<>();
    ScoreHistory history = new ScoreHistory();
    HealthScorer.Assessment published;
    long publishedAtMillis = Long.MIN_VALUE;
    boolean dirty = true;
  }

  /** {@code dependents}: the services that have dependencies, rescored whenever due is called. */
  public ServiceBook(HealthScorer scorer, Collection<String> dependents) {
    this.scorer = scorer;
    this.dependents = Set.copyOf(dependents);
  }

  /** Takes the latest signal of one series. */
  public void accept(SeriesSignal signal) {
    Service service = services.computeIfAbsent(signal.service(), name -> new Service());
    SeriesSignal before = service.signals.get(signal.seriesId());
    if (before != null && before.timestampMillis() > signal.timestampMillis()) {
      return; // a replayed, older signal
    }
    service.signals.put(signal.seriesId(), signal);
    service.dirty = true;
    changed.add(signal.service());
  }

  /** The health of every service that is due to be published at {@code nowMillis}. */
  public List<ServiceHealth> due(long nowMillis, HealthScorer.Dependencies dependencies) {
    List<ServiceHealth> out = new ArrayList<>();
    for (Map.Entry<String, Service> entry : services.entrySet()) {
      String name = entry.getKey();
      Service service = entry.getValue();
      boolean minuteDue = nowMillis - service.publishedAtMillis >= PUBLISH_EVERY_MILLIS;
      if (!service.dirty && !minuteDue && !dependents.contains(name)) {
        continue;
      }
      forgetOld(name, service, nowMillis);
      HealthScorer.Assessment assessment = scorer.assess(name, service.signals.values(), dependencies, nowMillis);
      service.dirty = false;
      if (!minuteDue && sameAs(service.published, assessment)) {
        continue;
      }
      if (assessment.score().isPresent()) {
        service.history.record(nowMillis, assessment.score().getAsInt());
      }
      service.published = assessment;
      service.publishedAtMillis = nowMillis;
      changed.add(name);
      out.add(health(name, service, assessment, nowMillis));
    }
    return out;
  }

  private void forgetOld(String name, Service service, long nowMillis) {
    if (service.signals.values().removeIf(signal -> nowMillis - signal.timestampMillis() > FORGET_AFTER_MILLIS)) {
      changed.add(name);
    }
  }

  /** Same score, status and deductions (to the shown decimal): nothing a reader would see changed. */
  private static boolean sameAs(HealthScorer.Assessment before, HealthScorer.Assessment now) {
    if (before == null || !before.score().equals(now.score()) || before.status() != now.status()
        || before.components().size() != now.components().size()) {
      return false;
    }
    for (int i = 0; i < now.components().size(); i++) {
      HealthComponent a = before.components().get(i);
      HealthComponent b = now.components().get(i);
      if (a.kind() != b.kind() || HealthScorer.round(a.deduction()) != HealthScorer.round(b.deduction())) {
        return false;
      }
    }
    return Objects.equals(before.topReason(), now.topReason());
  }

  private static ServiceHealth health(String name, Service service, HealthScorer.Assessment assessment, long nowMillis) {
    ScoreHistory history = service.history;
    return new ServiceHealth(name, assessment.score(), assessment.status(), assessment.components(), assessment.topReason(), nowMillis,
        history.delta(60), history.delta(ScoreHistory.MINUTES - 1), history.startMillis(ScoreHistory.MINUTES), history.last(ScoreHistory.MINUTES));
  }

  /** The latest signal of each series of {@code service}, as its last assessment saw them. */
  public Collection<SeriesSignal> signalsOf(String service) {
    Service held = services.get(service);
    return held == null ? List.of() : java.util.Collections.unmodifiableCollection(held.signals.values());
  }

  /** Restores services from their checkpoints; each is scored and published at the next call of {@link #due}. */
  public void restore(Collection<JsonObject> checkpoints) {
    for (JsonObject checkpoint : checkpoints) {
      Service service = new Service();
      checkpoint.getJsonArray("signals").forEach(signal -> {
        SeriesSignal restored = SeriesSignal.fromJson((JsonObject) signal);
        service.signals.put(restored.seriesId(), restored);
      });
      service.history = ScoreHistory.fromJson(checkpoint.getJsonObject("history"));
      services.put(checkpoint.getString("service"), service);
    }
  }

  /** Checkpoints (service, state) of the services that changed since the last call; they count as saved from now on. */
  public Map<String, JsonObject> changedSinceLastCheckpoint() {
    Map<String, JsonObject> checkpoints = new HashMap<>();
    for (String name : changed) {
      Service service = services.get(name);
      JsonArray signals = new JsonArray();
      service.signals.values().forEach(signal -> signals.add(signal.toJson()));
      checkpoints.put(name, new JsonObject().put("service", name).put("signals", signals).put("history", service.history.toJson()));
    }
    changed.clear();
    return checkpoints;
  }

  /** Saving these services failed: offer them again at the next checkpoint. */
  public void unsaved(Collection<String> names) {
    names.stream().filter(services::containsKey).forEach(changed::add);
  }

  public int serviceCount() {
    return services.size();
  }
}
