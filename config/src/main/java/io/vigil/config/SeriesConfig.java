package io.vigil.config;

import java.util.List;

/**
 * How series map onto services, and how many there may be.
 *
 * @param serviceDimensions the service of a series is the value of the first of these it has
 * @param maxSeries how many series this process accepts points for; points of a new series beyond
 *     it are refused with 429, points of known series are always accepted
 * @param logGroups the service of each log group, for the stages that read logs
 */
public record SeriesConfig(List<String> serviceDimensions, int maxSeries, LogGroupServices logGroups) {

  public SeriesConfig {
    serviceDimensions = List.copyOf(serviceDimensions);
  }

  static SeriesConfig from(ConfigSection section) {
    List<String> dimensions = section.strings("serviceDimensions");
    if (dimensions.isEmpty()) {
      throw new ConfigException(section.keyOf("serviceDimensions"), "must name at least one dimension");
    }
    int maxSeries = section.integer("maxSeries", 1, 10_000_000);
    LogGroupServices logGroups = new LogGroupServices(section.stringMap("logGroupServices"));
    section.finish();
    return new SeriesConfig(dimensions, maxSeries, logGroups);
  }
}
