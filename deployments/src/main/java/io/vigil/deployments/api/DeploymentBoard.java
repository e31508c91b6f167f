package io.vigil.deployments.api;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest version of every deployment, as {@code vigil.deployments} last said, and each one's
 * snapshot, as {@code vigil.deployment-snapshots} last said: what the deployments API serves.
 * Written by the view's event loop, read by the API's: concurrent maps of JSON objects that are
 * never changed once in.
 */
public final class DeploymentBoard {

  /** Newest start first, then id. */
  static final Comparator<JsonObject> NEWEST_FIRST = Comparator.comparingLong((JsonObject json) -> json.getLong("startedAtMillis", 0L)).reversed()
      .thenComparing(json -> json.getString("id"));

  private final Map<String, JsonObject> deployments = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> snapshots = new ConcurrentHashMap<>();

  /** Keeps {@code deployment} unless a newer version of it is held; returns whether it was kept. */
  public boolean put(JsonObject deployment) {
    boolean[] kept = {false};
    deployments.compute(deployment.getString("id"), (id, held) -> {
      if (held != null && held.getLong("updatedAtMillis", 0L) > deployment.getLong("updatedAtMillis", 0L)) {
        return held;
      }
      kept[0] = true;
      return deployment;
    });
    return kept[0];
  }

  public void putSnapshot(String id, JsonObject snapshot) {
    snapshots.put(id, snapshot);
  }

  public Optional<JsonObject> get(String id) {
    return Optional.ofNullable(deployments.get(id));
  }

  /** The snapshot of deployment {@code id}: its own record, else the copy the deployment carries. */
  public Optional<JsonObject> snapshot(String id) {
    JsonObject snapshot = snapshots.get(id);
    if (snapshot != null) {
      return Optional.of(snapshot);
    }
    return get(id).map(deployment -> deployment.getJsonObject("snapshot"));
  }

  public int size() {
    return deployments.size();
  }

  /** Every deployment passing the filters (empty: any), newest first. */
  public List<JsonObject> list(String service, String status) {
    List<JsonObject> items = new ArrayList<>();
    for (JsonObject deployment : deployments.values()) {
      if ((service.isEmpty() || service.equals(deployment.getString("service"))) && (status.isEmpty() || status.equals(deployment.getString("status")))) {
        items.add(deployment);
      }
    }
    items.sort(NEWEST_FIRST);
    return items;
  }
}
