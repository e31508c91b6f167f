package io.vigil.deployments.stage;

import io.vertx.core.json.JsonObject;
import io.vigil.deployments.DeploymentPhases;
import io.vigil.deployments.MetricSamples;
import io.vigil.deployments.Penalty;
import io.vigil.deployments.Phase;
import io.vigil.deployments.Verdict;
import io.vigil.deployments.VerdictSettings;
import io.vigil.model.DeploymentEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The deployments of one partition's services and what the stage knows of each service. Inputs
 * move deployments through their phases; {@link #due} judges the windows that are over.
 *
 * <p>A window is over when every series that had values in the baseline has a value past its end
 * (event time, so a backfill is judged as fast as it is read), or when the clock has been past it
 * for {@code lateDataMinutes} (a series that stopped does not hold the verdict up for ever). A
 * deployment whose window held only history values (a replay, the demo's backfill) is judged like
 * any other but marked {@code history}: its actions never fire, as history never pages. Not
 * thread-safe; owned by one stage partition's event loop.
 */
final class DeploymentBook {

  static final int MAX_NEW_PATTERNS = 5;

  /** What {@link #due} asks the stage to do: publish changed deployments, take snapshots, run the actions of failed ones. */
  record Work(List<TrackedDeployment> publish, List<TrackedDeployment> snapshots, List<TrackedDeployment> actions) {}

  private final StageSettings settings;
  private final Map<String, ServiceTimeline> services = new HashMap<>();
  private final Set<String> changed = new HashSet<>();
  /** The deployments changed since the last publication, in the order they changed. */
  private final Set<TrackedDeployment> dirty = new java.util.LinkedHashSet<>();

  DeploymentBook(StageSettings settings) {
    this.settings = settings;
  }

  StageSettings settings() {
    return settings;
  }

  ServiceTimeline timeline(String service) {
    return services.computeIfAbsent(service, ServiceTimeline::new);
  }

  int serviceCount() {
    return services.size();
  }

  /** The deployment with {@code id} of {@code service}, while this partition still holds it. */
  Optional<TrackedDeployment> find(String service, String id) {
    ServiceTimeline timeline = services.get(service);
    return timeline == null ? Optional.empty() : Optional.ofNullable(timeline.deployments.get(id));
  }

  /** A deployment changed outside {@link #accept} (a snapshot or an action completed): publish and checkpoint it. */
  void touched(TrackedDeployment deployment, long nowMillis) {
    deployment.updatedAtMillis = nowMillis;
    dirty.add(deployment);
    changed.add(deployment.service);
  }

  void accept(DeploymentInput input, long nowMillis) {
    ServiceTimeline timeline = timeline(input.service());
    changed.add(input.service());
    if (input instanceof DeploymentInput.Sample sample) {
      timeline.add(sample);
    } else if (input instanceof DeploymentInput.Diagnostic diagnostic) {
      timeline.add(diagnostic);
      for (TrackedDeployment deployment : timeline.deployments()) {
        if (diagnostic.lastSeenMillis() >= deployment.startedAtMillis() && diagnostic.firstSeenMillis() <= attentionEndMillis(deployment)
            && deployment.attach(diagnostic)) {
          touched(deployment, nowMillis);
        }
      }
    } else if (input instanceof DeploymentInput.Check check) {
      timeline.add(check);
      find(check.service(), check.deploymentId()).ifPresent(deployment -> {
        deployment.checksRun++;
        deployment.checksFailed += check.passed() ? 0 : 1;
        touched(deployment, nowMillis);
      });
    } else if (input instanceof DeploymentInput.Event event) {
      accept(timeline, event.event(), nowMillis);
    }
  }

  private void accept(ServiceTimeline timeline, DeploymentEvent event, long nowMillis) {
    TrackedDeployment deployment = timeline.deployments.get(event.deploymentId());
    if (deployment == null) {
      deployment = TrackedDeployment.startedBy(event, settings.baselineMillis());
      for (TrackedDeployment earlier : timeline.deployments()) {
        if (!earlier.done() && earlier.startedAtMillis() <= event.timestampMillis() && earlier.phases.superseded(event.timestampMillis())) {
          touched(earlier, nowMillis);
        }
      }
      timeline.add(deployment);
    }
    if (!deployment.record(event)) {
      return;
    }
    switch (event.kind()) {
      case STARTED, PROGRESS -> { }
      case TASK_FAILED -> {
        deployment.taskFailures++;
        if (deployment.firstTaskFailure.isEmpty()) {
          deployment.firstTaskFailure = event.reason().isEmpty() ? event.status() : event.reason();
        }
      }
      case COMPLETED -> {
        if (deployment.phases.steady(event.timestampMillis())) {
          deployment.waitingSinceMillis = -1;
        }
      }
      case FAILED, ROLLED_BACK -> {
        if (deployment.rolloutFailure.isEmpty()) {
          String what = event.reason().isEmpty() ? event.status() : event.status() + ": " + event.reason();
          deployment.rolloutFailure = (event.kind() == DeploymentEvent.Kind.ROLLED_BACK ? "rolled back by " + event.source() + ": " : "")
              + (what.isBlank() ? event.kind().wireName() : what.strip());
        }
        deployment.rolledBackBySource |= event.kind() == DeploymentEvent.Kind.ROLLED_BACK;
        long from = deployment.phases.step(Phase.VERIFYING).startedAtMillis() >= 0
            ? deployment.phases.step(Phase.VERIFYING).startedAtMillis() : deployment.startedAtMillis();
        if (deployment.phases.failed(event.timestampMillis()) && deployment.verdict == null) {
          decide(timeline, deployment, from, Math.max(event.timestampMillis(), from + 1), "rollout", nowMillis);
        }
      }
    }
    touched(deployment, nowMillis);
  }

  /** The end of the time in which a signature counts against the deployment. */
  private long attentionEndMillis(TrackedDeployment deployment) {
    long verifiedAt = deployment.phases.step(Phase.VERIFYING).endedAtMillis();
    if (verifiedAt >= 0) {
      return verifiedAt + settings.lateDataMillis();
    }
    if (deployment.done()) {
      return deployment.phases.step(Phase.DONE).startedAtMillis() + settings.lateDataMillis();
    }
    return Long.MAX_VALUE;
  }

  /** Judges what is due at {@code nowMillis} and hands back what the stage must do about it. */
  Work due(long nowMillis) {
    List<TrackedDeployment> snapshots = new ArrayList<>();
    List<TrackedDeployment> actions = new ArrayList<>();
    for (ServiceTimeline timeline : services.values()) {
      for (TrackedDeployment deployment : timeline.deployments()) {
        advance(timeline, deployment, nowMillis);
        if (!deployment.snapshotRequested && deployment.snapshot == null) {
          deployment.snapshotRequested = true;
          snapshots.add(deployment);
        }
        if (deployment.verdict != null && deployment.verdict.result() == Verdict.Result.FAIL && !deployment.history && !deployment.actionsStarted) {
          deployment.actionsStarted = true;
          touched(deployment, nowMillis);
          actions.add(deployment);
        }
      }
      timeline.trim(settings);
    }
    List<TrackedDeployment> publish = new ArrayList<>(dirty);
    dirty.clear();
    return new Work(publish, snapshots, actions);
  }

  private void advance(ServiceTimeline timeline, TrackedDeployment deployment, long nowMillis) {
    DeploymentPhases phases = deployment.phases;
    switch (phases.current()) {
      case DEPLOYING -> {
        long end = deployment.startedAtMillis() + settings.maxDeployMillis();
        if (over(timeline, deployment, end, nowMillis) && phases.steady(end)) {
          deployment.waitingSinceMillis = -1;
          touched(deployment, nowMillis);
        }
      }
      case VERIFYING -> {
        long from = phases.step(Phase.VERIFYING).startedAtMillis();
        long end = from + settings.verifyMillis();
        if (over(timeline, deployment, end, nowMillis)) {
          decide(timeline, deployment, from, end, "verification", nowMillis);
          phases.verified(end);
          deployment.waitingSinceMillis = -1;
          if (settings.monitorMillis() == 0) {
            phases.monitored(end);
          }
          touched(deployment, nowMillis);
        }
      }
      case MONITORING -> {
        long from = phases.step(Phase.VERIFYING).startedAtMillis();
        long end = phases.step(Phase.MONITORING).startedAtMillis() + settings.monitorMillis();
        if (over(timeline, deployment, end, nowMillis)) {
          Verdict watched = judge(timeline, deployment, from, end);
          if (watched.result() == Verdict.Result.FAIL && deployment.verdict.result() != Verdict.Result.FAIL) {
            deployment.verdict = watched;
            deployment.verdictAtMillis = nowMillis;
            deployment.verdictWindow = "monitoring";
          }
          phases.monitored(end);
          deployment.waitingSinceMillis = -1;
          touched(deployment, nowMillis);
        }
      }
      default -> { }
    }
  }

  private boolean over(ServiceTimeline timeline, TrackedDeployment deployment, long endMillis, long nowMillis) {
    long start = deployment.startedAtMillis();
    if (timeline.slowestWatermark(start - settings.baselineMillis(), start) >= endMillis) {
      return true;
    }
    if (nowMillis < endMillis) {
      return false;
    }
    if (deployment.waitingSinceMillis < 0) {
      deployment.waitingSinceMillis = nowMillis;
      changed.add(deployment.service);
    }
    return nowMillis - deployment.waitingSinceMillis >= settings.lateDataMillis();
  }

  private void decide(ServiceTimeline timeline, TrackedDeployment deployment, long fromMillis, long toMillis, String window, long nowMillis) {
    deployment.verdict = judge(timeline, deployment, fromMillis, toMillis);
    deployment.verdictAtMillis = nowMillis;
    deployment.verdictWindow = window;
    boolean anyAfter = false;
    boolean anyLive = false;
    for (SeriesWindow series : timeline.series.values()) {
      anyAfter |= series.anyBetween(fromMillis, toMillis);
      anyLive |= series.anyLiveBetween(fromMillis, toMillis);
    }
    deployment.history = !anyLive && (anyAfter || nowMillis - toMillis > settings.lateDataMillis());
  }

  /** The verdict on the values in [{@code fromMillis}, {@code toMillis}) against the baseline, with every penalty known. */
  Verdict judge(ServiceTimeline timeline, TrackedDeployment deployment, long fromMillis, long toMillis) {
    long start = deployment.startedAtMillis();
    List<MetricSamples> samples = new ArrayList<>();
    timeline.series.forEach((seriesId, window) -> {
      double[] before = window.between(start - settings.baselineMillis(), start);
      double[] after = window.between(fromMillis, toMillis);
      if (before.length > 0 || after.length > 0) {
        samples.add(new MetricSamples(window.metric, seriesId, before, after));
      }
    });
    return settings.judge().judge(samples, penalties(timeline, deployment, toMillis));
  }

  private List<Penalty> penalties(ServiceTimeline timeline, TrackedDeployment deployment, long toMillis) {
    VerdictSettings weights = settings.judge().settings();
    long start = deployment.startedAtMillis();
    List<Penalty> penalties = new ArrayList<>();
    if (!deployment.rolloutFailure.isEmpty()) {
      penalties.add(new Penalty(Penalty.Kind.ROLLOUT_FAILED, "rollout", 0, deployment.rolloutFailure));
    }
    if (deployment.taskFailures > 0) {
      penalties.add(new Penalty(Penalty.Kind.TASKS_FAILED, "tasks", weights.diagnosticWeight(),
          deployment.taskFailures + " task(s), first: " + deployment.firstTaskFailure));
    }
    boolean logsBefore = timeline.patternsFirstSeen.values().stream().anyMatch(first -> first < start);
    if (logsBefore) {
      timeline.patternsFirstSeen.entrySet().stream()
          .filter(entry -> entry.getValue() >= start && entry.getValue() < toMillis)
          .sorted(Map.Entry.comparingByValue())
          .limit(MAX_NEW_PATTERNS)
          .forEach(entry -> penalties.add(new Penalty(Penalty.Kind.NEW_LOG_PATTERN, entry.getKey(), weights.newLogPatternWeight(),
              "pattern " + entry.getKey() + " first seen " + java.time.Instant.ofEpochMilli(entry.getValue()))));
    }
    Map<String, List<DeploymentInput.Check>> failedChecks = new java.util.TreeMap<>();
    for (DeploymentInput.Check check : timeline.checks) {
      if (!check.passed() && check.timeMillis() >= start && check.timeMillis() < toMillis + settings.lateDataMillis()) {
        failedChecks.computeIfAbsent(check.name(), name -> new ArrayList<>()).add(check);
      }
    }
    failedChecks.forEach((name, failed) -> penalties.add(new Penalty(Penalty.Kind.FAILED_CHECK, name, weights.failedCheckWeight(),
        failed.size() + " failed, first: " + failed.get(0).detail())));
    for (DeploymentInput.Diagnostic diagnostic : timeline.diagnostics.values()) {
      if (diagnostic.lastSeenMillis() >= start && diagnostic.firstSeenMillis() <= toMillis + settings.lateDataMillis()) {
        deployment.attach(diagnostic);
        penalties.add(new Penalty(Penalty.Kind.DIAGNOSTIC, diagnostic.signature(), weights.diagnosticWeight(),
            diagnostic.title().isEmpty() ? diagnostic.signature() : diagnostic.title()));
      }
    }
    return penalties;
  }

  /** The checkpoint of every service changed since the last call, keyed by service. */
  Map<String, JsonObject> changedSinceLastCheckpoint() {
    Map<String, JsonObject> states = new HashMap<>();
    for (String service : changed) {
      ServiceTimeline timeline = services.get(service);
      if (timeline != null) {
        states.put(service, DeploymentJson.state(timeline));
      }
    }
    changed.clear();
    return states;
  }

  void unsaved(List<String> services) {
    changed.addAll(services);
  }

  /** Restores the services of checkpoint records; a record that cannot be read fails the restore. */
  void restore(Iterable<JsonObject> states) {
    for (JsonObject state : states) {
      ServiceTimeline timeline = DeploymentJson.timeline(state, settings);
      services.put(timeline.service, timeline);
    }
  }
}
