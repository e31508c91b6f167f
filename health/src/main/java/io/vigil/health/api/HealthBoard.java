package io.vigil.health.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.health.HealthScorer;
import io.vigil.health.ServiceHealth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest health of every service, as {@code vigil.health} last said: what the health API
 * serves and what the health stage asks about dependencies it does not score itself.
 *
 * <p>Written by the view's event loop, read by the API's and the stage's: the map is concurrent and
 * each value immutable. The list body is rendered once per change and then served as it is, so
 * {@code GET /api/v1/health} costs a string write however many services there are.
 */
public final class HealthBoard implements HealthScorer.Dependencies {

  /** Worst first: no score (unknown) first, then ascending score, then by name. */
  static final Comparator<ServiceHealth> WORST_FIRST = Comparator
      .comparingInt((ServiceHealth health) -> health.score().orElse(-1))
      .thenComparing(ServiceHealth::service);

  private final Map<String, ServiceHealth> services = new ConcurrentHashMap<>();
  private volatile String listBody;

  /** Keeps {@code health} unless a newer one of its service is already held; returns whether it was kept. */
  public boolean put(ServiceHealth health) {
    boolean[] kept = {false};
    services.compute(health.service(), (name, held) -> {
      if (held != null && held.updatedAtMillis() > health.updatedAtMillis()) {
        return held;
      }
      kept[0] = true;
      return health;
    });
    if (kept[0]) {
      listBody = null;
    }
    return kept[0];
  }

  public Optional<ServiceHealth> get(String service) {
    return Optional.ofNullable(services.get(service));
  }

  public int size() {
    return services.size();
  }

  /** {@code {"services":[summary...], "count": n}}, worst first, encoded. */
  public String listBody() {
    String body = listBody;
    if (body == null) {
      List<ServiceHealth> sorted = new ArrayList<>(services.values());
      sorted.sort(WORST_FIRST);
      JsonArray items = new JsonArray();
      sorted.forEach(health -> items.add(health.summaryJson()));
      body = new JsonObject().put("services", items).put("count", sorted.size()).encode();
      // A put racing with this render clears the field again after; the worst case is one stale render served once.
      listBody = body;
    }
    return body;
  }

  @Override
  public Optional<HealthScorer.DependencyHealth> of(String service) {
    return get(service).map(health -> new HealthScorer.DependencyHealth(health.service(), health.score(), health.status(), health.topReason(),
        health.updatedAtMillis()));
  }
}
