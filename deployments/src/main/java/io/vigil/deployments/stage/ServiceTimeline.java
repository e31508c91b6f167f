package io.vigil.deployments.stage;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the stage knows of one service: the recent values of each of its judged series, when each
 * of its log patterns was first seen, its diagnostics signatures, and its latest deployments.
 * Mutable, owned by one stage partition's event loop.
 */
final class ServiceTimeline {

  static final int MAX_PATTERNS = 10_000;
  static final int MAX_DIAGNOSTICS = 200;
  static final int MAX_DEPLOYMENTS = 20;
  static final int MAX_CHECKS = 500;

  final String service;
  String cluster = "";
  final Map<String, SeriesWindow> series = new LinkedHashMap<>();
  final Map<String, Long> patternsFirstSeen = new HashMap<>();
  final Map<String, DeploymentInput.Diagnostic> diagnostics = new LinkedHashMap<>();
  final LinkedHashMap<String, TrackedDeployment> deployments = new LinkedHashMap<>();
  final java.util.ArrayDeque<DeploymentInput.Check> checks = new java.util.ArrayDeque<>();

  ServiceTimeline(String service) {
    this.service = service;
  }

  void add(DeploymentInput.Sample sample) {
    if (!sample.cluster().isEmpty()) {
      cluster = sample.cluster();
    }
    if (!sample.pattern().isEmpty()) {
      if (patternsFirstSeen.size() < MAX_PATTERNS || patternsFirstSeen.containsKey(sample.pattern())) {
        patternsFirstSeen.merge(sample.pattern(), sample.timeMillis(), Math::min);
      }
      return;
    }
    series.computeIfAbsent(sample.seriesId(), id -> new SeriesWindow(sample.metric())).add(sample.timeMillis(), sample.value(), sample.history());
  }

  void add(DeploymentInput.Diagnostic diagnostic) {
    diagnostics.remove(diagnostic.signature());
    diagnostics.put(diagnostic.signature(), diagnostic);
    if (diagnostics.size() > MAX_DIAGNOSTICS) {
      Iterator<String> oldest = diagnostics.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  void add(DeploymentInput.Check check) {
    checks.addLast(check);
    if (checks.size() > MAX_CHECKS) {
      checks.removeFirst();
    }
  }

  void add(TrackedDeployment deployment) {
    deployments.put(deployment.id, deployment);
    if (deployments.size() > MAX_DEPLOYMENTS) {
      deployments.values().stream().filter(TrackedDeployment::done).findFirst().ifPresent(done -> deployments.remove(done.id));
    }
  }

  Collection<TrackedDeployment> deployments() {
    return deployments.values();
  }

  /**
   * The oldest of the newest value times of the series that had values in [{@code fromMillis},
   * {@code toMillis}): once it is past a window's end, every series that could speak about the
   * window has. {@link Long#MIN_VALUE} when no series had values there.
   */
  long slowestWatermark(long fromMillis, long toMillis) {
    long slowest = Long.MAX_VALUE;
    boolean any = false;
    for (SeriesWindow window : series.values()) {
      if (!window.anyBetween(fromMillis, toMillis)) {
        continue;
      }
      any = true;
      slowest = Math.min(slowest, window.newestMillis());
    }
    return any ? slowest : Long.MIN_VALUE;
  }

  long newestMillis() {
    long newest = Long.MIN_VALUE;
    for (SeriesWindow window : series.values()) {
      newest = Math.max(newest, window.newestMillis());
    }
    return newest;
  }

  /** Forgets the values no deployment can need: older than the retention, or than every open deployment's baseline. */
  void trim(StageSettings settings) {
    long newest = newestMillis();
    if (newest == Long.MIN_VALUE) {
      return;
    }
    long keepFrom = newest - settings.retentionMillis();
    for (TrackedDeployment deployment : deployments.values()) {
      if (!deployment.done()) {
        keepFrom = Math.min(keepFrom, deployment.startedAtMillis() - settings.baselineMillis());
      }
    }
    for (SeriesWindow window : series.values()) {
      window.forgetBefore(keepFrom);
    }
    series.values().removeIf(window -> window.size() == 0);
  }
}
