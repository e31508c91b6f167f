package io.vigil.config;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ECS events source: the deployments, service events and stopped tasks of ECS services, as
 * deployment events.
 *
 * @param clusters clusters whose every service is followed (re-listed each discovery interval)
 * @param services single services to follow, each with the Vigil service it is (default: its name)
 * @param lookbackMinutes how far back a service seen for the first time is read
 * @param maxStoppedTasks stopped tasks described per service and poll (ECS keeps them about an hour)
 */
public record EcsEventsConfig(
    boolean enabled,
    List<String> clusters,
    List<Service> services,
    int pollIntervalSeconds,
    int discoveryIntervalMinutes,
    int lookbackMinutes,
    int maxStoppedTasks) {

  /** One ECS service: its cluster and name, and the Vigil service its events belong to. */
  public record Service(String cluster, String service, String name) {}

  public EcsEventsConfig {
    clusters = List.copyOf(clusters);
    services = List.copyOf(services);
  }

  static EcsEventsConfig from(ConfigSection section) {
    boolean enabled = section.bool("enabled");
    List<String> clusters = section.strings("clusters");
    List<Service> services = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ConfigSection item : section.sections("services", new JsonObject().put("cluster", "").put("service", "").put("name", ""))) {
      String cluster = item.nonEmptyString("cluster");
      String service = item.nonEmptyString("service");
      String name = item.string("name");
      item.finish();
      if (!seen.add(cluster + "/" + service)) {
        throw new ConfigException(item.keyOf("service"), "\"" + cluster + "/" + service + "\" is listed twice");
      }
      services.add(new Service(cluster, service, name.isEmpty() ? service : name));
    }
    EcsEventsConfig config = new EcsEventsConfig(
        enabled,
        clusters,
        services,
        section.integer("pollIntervalSeconds", 1, 3600),
        section.integer("discoveryIntervalMinutes", 1, 24 * 60),
        section.integer("lookbackMinutes", 0, 14 * 24 * 60),
        section.integer("maxStoppedTasks", 1, 1000));
    if (enabled && clusters.isEmpty() && services.isEmpty()) {
      throw new ConfigException(section.keyOf("services"), "must name at least one service (or clusters a cluster) when the source is enabled");
    }
    section.finish();
    return config;
  }

}
