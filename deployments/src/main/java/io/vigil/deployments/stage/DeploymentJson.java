package io.vigil.deployments.stage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.deployments.DeploymentPhases;
import io.vigil.deployments.Direction;
import io.vigil.deployments.MetricEvidence;
import io.vigil.deployments.Outcome;
import io.vigil.deployments.Penalty;
import io.vigil.deployments.Phase;
import io.vigil.deployments.SampleSummary;
import io.vigil.deployments.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The wire forms: a deployment on {@code vigil.deployments} and in the API ({@code id, service,
 * version, commit, by, source, status, phase, phases[], verdict{result, score, reasons, metrics[],
 * penalties[]}, history, events[], diagnostics[], actions[], snapshot}; times as ISO text with a
 * {@code ...Millis} twin; a number that is not one, such as a p-value of a metric not judged, is
 * null), and a service's checkpoint, from which restoring gives the same state.
 */
public final class DeploymentJson {

  private DeploymentJson() {}

  public static JsonObject toJson(TrackedDeployment deployment) {
    JsonArray phases = new JsonArray();
    for (Phase phase : Phase.values()) {
      DeploymentPhases.Step step = deployment.phases.step(phase);
      phases.add(new JsonObject().put("phase", phase.wireName()).put("state", step.state().wireName())
          .put("startedAt", time(step.startedAtMillis())).put("startedAtMillis", step.startedAtMillis() < 0 ? null : step.startedAtMillis())
          .put("endedAt", time(step.endedAtMillis())).put("endedAtMillis", step.endedAtMillis() < 0 ? null : step.endedAtMillis()));
    }
    return new JsonObject()
        .put("id", deployment.id)
        .put("service", deployment.service)
        .put("version", deployment.version)
        .put("commit", deployment.commit)
        .put("by", deployment.by)
        .put("source", deployment.source)
        .put("status", deployment.status())
        .put("phase", deployment.phases.current().wireName())
        .put("startedAt", time(deployment.startedAtMillis()))
        .put("startedAtMillis", deployment.startedAtMillis())
        .put("phases", phases)
        .put("verdict", deployment.verdict == null ? null : verdict(deployment.verdict)
            .put("window", deployment.verdictWindow).put("decidedAt", time(deployment.verdictAtMillis)).put("decidedAtMillis", deployment.verdictAtMillis))
        .put("history", deployment.history)
        .put("rolloutFailure", deployment.rolloutFailure.isEmpty() ? null : deployment.rolloutFailure)
        .put("taskFailures", deployment.taskFailures)
        .put("checks", new JsonObject().put("run", deployment.checksRun).put("failed", deployment.checksFailed))
        .put("events", deployment.eventsJson())
        .put("droppedEvents", deployment.droppedEvents)
        .put("diagnostics", new JsonArray(new ArrayList<>(deployment.diagnostics)))
        .put("actions", new JsonArray(new ArrayList<>(deployment.actions)))
        .put("snapshot", deployment.snapshot)
        .put("updatedAt", time(deployment.updatedAtMillis))
        .put("updatedAtMillis", deployment.updatedAtMillis);
  }

  /** The list form: the record without per-metric evidence and events, with the verdict's result, score and first reason. */
  public static JsonObject summary(JsonObject deployment) {
    JsonObject item = deployment.copy();
    item.remove("events");
    JsonObject verdict = item.getJsonObject("verdict");
    if (verdict != null) {
      JsonArray reasons = verdict.getJsonArray("reasons", new JsonArray());
      item.put("verdict", new JsonObject().put("result", verdict.getString("result")).put("score", verdict.getValue("score"))
          .put("reason", reasons.isEmpty() ? null : reasons.getString(0)).put("window", verdict.getString("window"))
          .put("decidedAt", verdict.getString("decidedAt")));
    }
    return item;
  }

  static JsonObject verdict(Verdict verdict) {
    JsonArray metrics = new JsonArray();
    for (MetricEvidence metric : verdict.metrics()) {
      metrics.add(new JsonObject().put("metric", metric.metric()).put("seriesId", metric.seriesId()).put("direction", metric.direction().wireName())
          .put("baseline", sampleSummary(metric.baseline())).put("after", sampleSummary(metric.after()))
          .put("pValue", number(metric.pValue())).put("effectSize", number(metric.effectSize())).put("weight", metric.weight())
          .put("outcome", metric.outcome().wireName()).put("note", metric.note()));
    }
    JsonArray penalties = new JsonArray();
    for (Penalty penalty : verdict.penalties()) {
      penalties.add(new JsonObject().put("kind", penalty.kind().wireName()).put("name", penalty.name()).put("weight", penalty.weight())
          .put("detail", penalty.detail()));
    }
    return new JsonObject().put("result", verdict.result().wireName()).put("score", verdict.score())
        .put("reasons", new JsonArray(new ArrayList<>(verdict.reasons()))).put("metrics", metrics).put("penalties", penalties);
  }

  static Verdict verdict(JsonObject json) {
    List<MetricEvidence> metrics = new ArrayList<>();
    for (Object item : json.getJsonArray("metrics")) {
      JsonObject metric = (JsonObject) item;
      metrics.add(new MetricEvidence(metric.getString("metric"), metric.getString("seriesId"), Direction.fromWire(metric.getString("direction")),
          sampleSummary(metric.getJsonObject("baseline")), sampleSummary(metric.getJsonObject("after")), number(metric, "pValue"), number(metric, "effectSize"),
          metric.getDouble("weight"), Outcome.fromWire(metric.getString("outcome")), metric.getString("note")));
    }
    List<Penalty> penalties = new ArrayList<>();
    for (Object item : json.getJsonArray("penalties")) {
      JsonObject penalty = (JsonObject) item;
      penalties.add(new Penalty(Penalty.Kind.fromWire(penalty.getString("kind")), penalty.getString("name"), penalty.getDouble("weight"),
          penalty.getString("detail")));
    }
    List<String> reasons = json.getJsonArray("reasons").stream().map(String::valueOf).toList();
    return new Verdict(Verdict.Result.fromWire(json.getString("result")), json.getDouble("score"), reasons, metrics, penalties);
  }

  /** A service's checkpoint: its values, patterns, signatures and deployments. */
  static JsonObject state(ServiceTimeline timeline) {
    JsonArray series = new JsonArray();
    timeline.series.forEach((id, window) -> {
      JsonArray times = new JsonArray();
      JsonArray values = new JsonArray();
      JsonArray history = new JsonArray();
      for (int i = 0; i < window.size(); i++) {
        times.add(window.time(i));
        values.add(window.value(i));
        history.add(window.history(i) ? 1 : 0);
      }
      series.add(new JsonObject().put("id", id).put("metric", window.metric).put("t", times).put("v", values).put("h", history));
    });
    JsonObject patterns = new JsonObject();
    timeline.patternsFirstSeen.forEach(patterns::put);
    JsonArray diagnostics = new JsonArray();
    timeline.diagnostics.values().forEach(diagnostic -> diagnostics.add(diagnostic.toJson()));
    JsonArray deployments = new JsonArray();
    for (TrackedDeployment deployment : timeline.deployments()) {
      deployments.add(toJson(deployment).put("state", new JsonObject()
          .put("eventIds", new JsonArray(new ArrayList<>(deployment.eventIds)))
          .put("firstTaskFailure", deployment.firstTaskFailure)
          .put("rolledBackBySource", deployment.rolledBackBySource)
          .put("waitingSinceMillis", deployment.waitingSinceMillis)
          .put("actionsStarted", deployment.actionsStarted)
          .put("snapshotRequested", deployment.snapshotRequested)));
    }
    JsonArray checks = new JsonArray();
    timeline.checks.forEach(check -> checks.add(check.toJson()));
    return new JsonObject().put("v", 1).put("service", timeline.service).put("cluster", timeline.cluster).put("series", series)
        .put("patterns", patterns).put("diagnostics", diagnostics).put("checks", checks).put("deployments", deployments);
  }

  static ServiceTimeline timeline(JsonObject json, StageSettings settings) {
    ServiceTimeline timeline = new ServiceTimeline(json.getString("service"));
    timeline.cluster = json.getString("cluster", "");
    for (Object item : json.getJsonArray("series")) {
      JsonObject series = (JsonObject) item;
      SeriesWindow window = new SeriesWindow(series.getString("metric"));
      JsonArray times = series.getJsonArray("t");
      JsonArray values = series.getJsonArray("v");
      JsonArray history = series.getJsonArray("h");
      for (int i = 0; i < times.size(); i++) {
        window.add(times.getLong(i), values.getDouble(i), history.getInteger(i) == 1);
      }
      timeline.series.put(series.getString("id"), window);
    }
    json.getJsonObject("patterns").forEach(entry -> timeline.patternsFirstSeen.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
    for (Object item : json.getJsonArray("diagnostics")) {
      timeline.add((DeploymentInput.Diagnostic) DeploymentInput.fromJson((JsonObject) item));
    }
    for (Object item : json.getJsonArray("checks", new JsonArray())) {
      timeline.add((DeploymentInput.Check) DeploymentInput.fromJson((JsonObject) item));
    }
    for (Object item : json.getJsonArray("deployments")) {
      timeline.add(deployment((JsonObject) item));
    }
    return timeline;
  }

  private static TrackedDeployment deployment(JsonObject json) {
    Map<Phase, DeploymentPhases.Step> steps = new EnumMap<>(Phase.class);
    for (Object item : json.getJsonArray("phases")) {
      JsonObject step = (JsonObject) item;
      steps.put(Phase.fromWire(step.getString("phase")), new DeploymentPhases.Step(DeploymentPhases.State.fromWire(step.getString("state")),
          millis(step, "startedAtMillis"), millis(step, "endedAtMillis")));
    }
    TrackedDeployment deployment = new TrackedDeployment(json.getString("id"), json.getString("service"), json.getString("version"),
        json.getString("commit"), json.getString("by"), json.getString("source"), DeploymentPhases.of(Phase.fromWire(json.getString("phase")), steps));
    JsonObject state = json.getJsonObject("state");
    json.getJsonArray("events").forEach(event -> deployment.events.add((JsonObject) event));
    state.getJsonArray("eventIds").forEach(id -> deployment.eventIds.add(String.valueOf(id)));
    deployment.droppedEvents = json.getInteger("droppedEvents", 0);
    deployment.taskFailures = json.getInteger("taskFailures", 0);
    JsonObject checks = json.getJsonObject("checks", new JsonObject());
    deployment.checksRun = checks.getInteger("run", 0);
    deployment.checksFailed = checks.getInteger("failed", 0);
    deployment.firstTaskFailure = state.getString("firstTaskFailure", "");
    deployment.rolloutFailure = json.getString("rolloutFailure") == null ? "" : json.getString("rolloutFailure");
    deployment.rolledBackBySource = state.getBoolean("rolledBackBySource", false);
    JsonObject verdict = json.getJsonObject("verdict");
    if (verdict != null) {
      deployment.verdict = verdict(verdict);
      deployment.verdictWindow = verdict.getString("window", "");
      deployment.verdictAtMillis = verdict.getLong("decidedAtMillis", -1L);
    }
    deployment.history = json.getBoolean("history", false);
    deployment.waitingSinceMillis = state.getLong("waitingSinceMillis", -1L);
    json.getJsonArray("diagnostics").forEach(item -> deployment.diagnostics.add((JsonObject) item));
    json.getJsonArray("actions").forEach(item -> deployment.actions.add((JsonObject) item));
    deployment.actionsStarted = state.getBoolean("actionsStarted", false);
    deployment.snapshot = json.getJsonObject("snapshot");
    deployment.snapshotRequested = state.getBoolean("snapshotRequested", false);
    deployment.updatedAtMillis = json.getLong("updatedAtMillis", 0L);
    return deployment;
  }

  /** A time that is null on the wire when not reached, -1 in the state. */
  private static long millis(JsonObject json, String key) {
    Long value = json.getLong(key);
    return value == null ? -1 : value;
  }

  private static JsonObject sampleSummary(SampleSummary summary) {
    return new JsonObject().put("n", summary.n()).put("median", number(summary.median())).put("p90", number(summary.p90()));
  }

  private static SampleSummary sampleSummary(JsonObject json) {
    return new SampleSummary(json.getInteger("n"), number(json, "median"), number(json, "p90"));
  }

  private static Double number(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static double number(JsonObject json, String key) {
    Double value = json.getDouble(key);
    return value == null ? Double.NaN : value;
  }

  static String time(long millis) {
    return millis < 0 ? null : Instant.ofEpochMilli(millis).toString();
  }
}
