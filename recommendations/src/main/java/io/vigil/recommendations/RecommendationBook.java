package io.vigil.recommendations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The recommender's state for one input partition: the {@link ServiceUsage} of each of its
 * services, and which recommendations are due. A service's recommendations are worked out again at
 * most every {@code evaluateIntervalMillis} after its usage changed, and published when what they
 * say changed (or every {@value #REPUBLISH_INTERVALS} intervals, so the evidence shown keeps up); a
 * scaling recommendation that no longer asks for a change is withdrawn (a tombstone on the
 * compacted topic). Not thread-safe: it belongs to one partition on one event loop.
 */
public final class RecommendationBook {

  static final int REPUBLISH_INTERVALS = 10;

  /** A recommendation to write, or the withdrawal of the one with this id (empty). */
  public record Publication(String id, Optional<Recommendation> recommendation) {}

  private final RecommenderSettings settings;
  private final Function<String, Optional<TaskSize>> configuredSizes;
  private final long evaluateIntervalMillis;
  private final RightSizer rightSizer;
  private final TaskCountAdvisor taskCounts;
  private final Map<String, ServiceUsage> services = new HashMap<>();
  private final Set<String> changedSinceEvaluation = new HashSet<>();
  private final Set<String> changedSinceCheckpoint = new HashSet<>();
  private final Map<String, Long> evaluatedAtMillis = new HashMap<>();
  private final Map<String, String> publishedFingerprints = new HashMap<>();
  private final Map<String, Long> publishedAtMillis = new HashMap<>();

  public RecommendationBook(RecommenderSettings settings, Function<String, Optional<TaskSize>> configuredSizes, long evaluateIntervalMillis) {
    this.settings = settings;
    this.configuredSizes = configuredSizes;
    this.evaluateIntervalMillis = evaluateIntervalMillis;
    this.rightSizer = new RightSizer(settings);
    this.taskCounts = new TaskCountAdvisor(settings);
  }

  /** The usage of {@code service}, created (with its configured size, if any) on first sight. */
  public ServiceUsage usage(String cluster, String service) {
    ServiceUsage usage = services.computeIfAbsent(service, name -> {
      ServiceUsage created = new ServiceUsage(cluster, name, settings.halfLifeMillis(), settings.lookbackDays());
      configuredSizes.apply(name).ifPresent(created::taskSize);
      return created;
    });
    usage.cluster(cluster);
    changed(service);
    return usage;
  }

  public Optional<ServiceUsage> find(String service) {
    return Optional.ofNullable(services.get(service));
  }

  public int serviceCount() {
    return services.size();
  }

  public List<ServiceUsage> services() {
    return List.copyOf(services.values());
  }

  /** The size {@code service} runs with now (read from ECS); samples from now on are converted with it. */
  public void taskSize(String service, TaskSize size) {
    ServiceUsage usage = services.get(service);
    if (usage != null && !size.equals(usage.taskSize().orElse(null))) {
      usage.taskSize(size);
      changed(service);
    }
  }

  private void changed(String service) {
    changedSinceEvaluation.add(service);
    changedSinceCheckpoint.add(service);
  }

  /** What is due for publication at {@code nowMillis}. */
  public List<Publication> due(long nowMillis) {
    List<Publication> due = new ArrayList<>();
    for (String service : List.copyOf(changedSinceEvaluation)) {
      Long last = evaluatedAtMillis.get(service);
      if (last != null && nowMillis - last < evaluateIntervalMillis) {
        continue;
      }
      changedSinceEvaluation.remove(service);
      evaluatedAtMillis.put(service, nowMillis);
      ServiceUsage usage = services.get(service);
      usage.trim(nowMillis);
      rightSizer.recommend(usage, nowMillis).ifPresent(recommendation -> offer(recommendation, nowMillis, due));
      String scalingId = RecommendationIds.of(Recommendation.Kind.SCALING, service);
      Optional<Recommendation> scaling = taskCounts.recommend(usage, nowMillis).filter(found -> found.finding() != Finding.OPTIMIZED);
      if (scaling.isPresent()) {
        offer(scaling.get(), nowMillis, due);
      } else if (publishedFingerprints.remove(scalingId) != null) {
        publishedAtMillis.remove(scalingId);
        due.add(new Publication(scalingId, Optional.empty()));
      }
    }
    return due;
  }

  private void offer(Recommendation recommendation, long nowMillis, List<Publication> due) {
    String fingerprint = fingerprint(recommendation);
    Long publishedAt = publishedAtMillis.get(recommendation.id());
    boolean same = fingerprint.equals(publishedFingerprints.get(recommendation.id()));
    if (same && publishedAt != null && nowMillis - publishedAt < REPUBLISH_INTERVALS * evaluateIntervalMillis) {
      return;
    }
    publishedFingerprints.put(recommendation.id(), fingerprint);
    publishedAtMillis.put(recommendation.id(), nowMillis);
    due.add(new Publication(recommendation.id(), Optional.of(recommendation)));
  }

  private static String fingerprint(Recommendation recommendation) {
    return String.join("|", recommendation.finding().wire(), recommendation.reasons().toString(), recommendation.current().toString(),
        recommendation.recommendedSize().toString(), String.valueOf(recommendation.recommendedCount()), String.valueOf(recommendation.priority()),
        recommendation.confidence().level().name(), recommendation.riskIfUnchanged().name(), recommendation.recommendedRisk().name());
  }

  /** The state of every service changed since the last call, by service; treated as saved. */
  public Map<String, ServiceUsage.State> changedSinceLastCheckpoint() {
    Map<String, ServiceUsage.State> changed = new HashMap<>();
    for (String service : changedSinceCheckpoint) {
      ServiceUsage usage = services.get(service);
      if (usage != null) {
        changed.put(service, usage.state());
      }
    }
    changedSinceCheckpoint.clear();
    return changed;
  }

  public void unsaved(List<String> services) {
    changedSinceCheckpoint.addAll(services);
  }

  /** Restores services from their checkpoints; each is evaluated again soon after. */
  public void restore(List<ServiceUsage.State> states) {
    for (ServiceUsage.State state : states) {
      ServiceUsage usage = ServiceUsage.restore(state, settings.halfLifeMillis(), settings.lookbackDays());
      // A configured size may have changed while we were down; ECS sizes are read again anyway.
      configuredSizes.apply(usage.service()).filter(size -> usage.taskSize().map(held -> !held.source().equals("ecs")).orElse(true))
          .ifPresent(usage::taskSize);
      services.put(usage.service(), usage);
      changedSinceEvaluation.add(usage.service());
    }
  }
}
