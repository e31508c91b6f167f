package io.vigil.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How series map onto services, and how many there may be.
 *
 * @param serviceDimensions the service of a series is the value of the first of these it has
 * @param maxSeries how many series this process accepts points for; points of a new series beyond
 *     it are refused with 429, points of known series are always accepted
 * @param maxSeriesPerNamespace how many of them one namespace may have, so one runaway namespace
 *     (a dimension with a request id in it) cannot take every other namespace's room
 * @param namespaceLimits a namespace's own limit in place of {@code maxSeriesPerNamespace}
 * @param logGroups the service of each log group, for the stages that read logs
 */
public record SeriesConfig(List<String> serviceDimensions, int maxSeries, int maxSeriesPerNamespace,
    Map<String, Integer> namespaceLimits, LogGroupServices logGroups) {

  public SeriesConfig {
    serviceDimensions = List.copyOf(serviceDimensions);
    namespaceLimits = Map.copyOf(namespaceLimits);
  }

  /** The most series {@code namespace} may have. */
  public int limitOf(String namespace) {
    return namespaceLimits.getOrDefault(namespace, maxSeriesPerNamespace);
  }

  static SeriesConfig from(ConfigSection section) {
    List<String> dimensions = section.strings("serviceDimensions");
    if (dimensions.isEmpty()) {
      throw new ConfigException(section.keyOf("serviceDimensions"), "must name at least one dimension");
    }
    int maxSeries = section.integer("maxSeries", 1, 10_000_000);
    int perNamespace = section.integer("maxSeriesPerNamespace", 1, 10_000_000);
    ConfigSection limits = section.section("namespaceLimits");
    Map<String, Integer> namespaceLimits = new TreeMap<>();
    for (String namespace : limits.fieldNames()) {
      namespaceLimits.put(namespace, limits.integer(namespace, 1, 10_000_000));
    }
    limits.finish();
    LogGroupServices logGroups = new LogGroupServices(section.stringMap("logGroupServices"));
    section.finish();
    return new SeriesConfig(dimensions, maxSeries, perNamespace, namespaceLimits, logGroups);
  }
}
