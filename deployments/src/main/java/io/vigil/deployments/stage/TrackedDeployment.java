package io.vigil.deployments.stage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.deployments.DeploymentPhases;
import io.vigil.deployments.Phase;
import io.vigil.deployments.Verdict;
import io.vigil.model.DeploymentEvent;
import io.vigil.model.Wire;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One deployment as the stage follows it: who and what, its phases, the events every source
 * reported, the verdict with its evidence, the snapshot of what it replaced and the actions taken.
 * Mutable, owned by one stage partition's event loop; {@link DeploymentJson} gives its wire form.
 */
final class TrackedDeployment {

  /** Events kept per deployment; later ones are counted, not kept. */
  static final int MAX_EVENTS = 100;

  final String id;
  final String service;
  String version;
  String commit;
  String by;
  final String source;
  final DeploymentPhases phases;
  final List<JsonObject> events = new ArrayList<>();
  final Set<String> eventIds = new LinkedHashSet<>();
  int droppedEvents;
  int taskFailures;
  int checksRun;
  int checksFailed;
  String firstTaskFailure = "";
  String rolloutFailure = "";
  boolean rolledBackBySource;
  Verdict verdict;
  long verdictAtMillis = -1;
  /** {@code verification} or {@code monitoring}: which window the verdict rests on. */
  String verdictWindow = "";
  boolean history;
  /** When the clock first found the current phase's window over; the wait for late values counts from here. */
  long waitingSinceMillis = -1;
  final List<JsonObject> diagnostics = new ArrayList<>();
  final List<JsonObject> actions = new ArrayList<>();
  boolean actionsStarted;
  JsonObject snapshot;
  boolean snapshotRequested;
  long updatedAtMillis;

  TrackedDeployment(String id, String service, String version, String commit, String by, String source, DeploymentPhases phases) {
    this.id = id;
    this.service = service;
    this.version = version;
    this.commit = commit;
    this.by = by;
    this.source = source;
    this.phases = phases;
  }

  static TrackedDeployment startedBy(DeploymentEvent event, long baselineMillis) {
    return new TrackedDeployment(event.deploymentId(), event.service(), event.version(), event.commit(), event.by(), event.source(),
        DeploymentPhases.started(event.timestampMillis(), baselineMillis));
  }

  /** Keeps the event unless already seen; fills in what the first events left empty. Returns whether it was new. */
  boolean record(DeploymentEvent event) {
    if (!eventIds.add(event.eventId())) {
      return false;
    }
    if (events.size() < MAX_EVENTS) {
      events.add(Wire.deploymentEvent(event));
    } else {
      droppedEvents++;
    }
    version = version.isEmpty() ? event.version() : version;
    commit = commit.isEmpty() ? event.commit() : commit;
    by = by.isEmpty() ? event.by() : by;
    return true;
  }

  long startedAtMillis() {
    return phases.startedAtMillis();
  }

  boolean done() {
    return phases.current() == Phase.DONE;
  }

  /** Deploying, verifying, then the verdict (pass, marginal, fail), or rolled-back once a rollback happened. */
  String status() {
    boolean rolledBack = rolledBackBySource || actions.stream()
        .anyMatch(action -> "rollback".equals(action.getString("type")) && "done".equals(action.getString("result")));
    if (rolledBack) {
      return "rolled-back";
    }
    if (verdict != null) {
      return verdict.result().wireName();
    }
    if (phases.current() == Phase.DONE) {
      return "superseded";
    }
    return phases.current().wireName();
  }

  /** A diagnostics signature seen during this deployment, once per signature (the newest record wins). */
  boolean attach(DeploymentInput.Diagnostic diagnostic) {
    JsonObject json = new JsonObject().put("signature", diagnostic.signature()).put("title", diagnostic.title())
        .put("severity", diagnostic.severity()).put("firstSeenMillis", diagnostic.firstSeenMillis())
        .put("lastSeenMillis", diagnostic.lastSeenMillis()).put("count", diagnostic.count());
    for (int i = 0; i < diagnostics.size(); i++) {
      if (diagnostics.get(i).getString("signature").equals(diagnostic.signature())) {
        if (diagnostics.get(i).equals(json)) {
          return false;
        }
        diagnostics.set(i, json);
        return true;
      }
    }
    diagnostics.add(json);
    return true;
  }

  JsonArray eventsJson() {
    return new JsonArray(new ArrayList<>(events));
  }
}
