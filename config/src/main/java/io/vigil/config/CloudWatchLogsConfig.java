package io.vigil.config;

import java.util.List;

/**
 * The CloudWatch Logs source.
 *
 * @param logGroups names, or prefixes ending in {@code *}, of the groups to follow
 * @param lookbackMinutes where a group with no cursor yet starts reading
 * @param lateArrivalSeconds how far behind its newest event a group is read again, for events that
 *     CloudWatch makes visible after newer ones (each event is still emitted once)
 * @param filterPattern a CloudWatch Logs filter pattern, or empty for every event
 */
public record CloudWatchLogsConfig(
    boolean enabled,
    List<String> logGroups,
    int pollIntervalSeconds,
    int discoveryIntervalMinutes,
    int lookbackMinutes,
    int lateArrivalSeconds,
    int maxEventsPerPoll,
    String filterPattern) {

  public CloudWatchLogsConfig {
    logGroups = List.copyOf(logGroups);
  }

  static CloudWatchLogsConfig from(ConfigSection section) {
    boolean enabled = section.bool("enabled");
    List<String> groups = section.strings("logGroups");
    for (int i = 0; i < groups.size(); i++) {
      String group = groups.get(i);
      String name = group.endsWith("*") ? group.substring(0, group.length() - 1) : group;
      if (name.isEmpty() || name.length() > 512 || !name.matches("[\\w\\-/.#]+") || name.contains("*")) {
        throw new ConfigException(section.keyOf("logGroups") + "[" + i + "]",
            "must be a log group name, or a prefix ending in *, of letters, digits and _-/.#, was \"" + group + "\"");
      }
    }
    CloudWatchLogsConfig config = new CloudWatchLogsConfig(
        enabled,
        groups,
        section.integer("pollIntervalSeconds", 1, 3600),
        section.integer("discoveryIntervalMinutes", 1, 24 * 60),
        section.integer("lookbackMinutes", 0, 14 * 24 * 60),
        section.integer("lateArrivalSeconds", 0, 3600),
        section.integer("maxEventsPerPoll", 1, 1_000_000),
        section.string("filterPattern"));
    if (enabled && groups.isEmpty()) {
      throw new ConfigException(section.keyOf("logGroups"), "must name at least one log group when the source is enabled");
    }
    section.finish();
    return config;
  }
}
