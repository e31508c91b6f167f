package io.vigil.config;

import java.util.SortedMap;

/**
 * The log-patterns stage: one template miner per log group, each template's count per minute as a
 * series ({@code Vigil/Logs PatternCount}, dimensions {@code LogGroup}, {@code Pattern}, and
 * {@code ServiceName} when the group's service is known).
 *
 * @param warmupLines lines a log group must have seen before a template it has never seen counts as a
 *     new pattern
 * @param activeMinutes a template gets a point (zero when it had no line) every minute until it has
 *     been silent this long
 * @param maxTemplatesPerGroup templates one group's miner holds; past it, new shapes are counted as
 *     overflow rather than mined
 * @param maxLineChars characters of a line that are mined
 * @param services log group to service ({@code /ecs/api: api}); a group not listed takes the last
 *     segment of its name ({@code /ecs/worker} → {@code worker})
 */
public record LogPatternsConfig(boolean enabled, int checkpointIntervalSeconds, int warmupLines, int activeMinutes,
    int maxTemplatesPerGroup, int maxLineChars, SortedMap<String, String> services) {

  public LogPatternsConfig {
    services = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(services));
  }

  static LogPatternsConfig from(ConfigSection section) {
    LogPatternsConfig config = new LogPatternsConfig(
        section.bool("enabled"),
        section.integer("checkpointIntervalSeconds", 1, 3_600),
        section.integer("warmupLines", 0, 10_000_000),
        section.integer("activeMinutes", 1, 24 * 60),
        section.integer("maxTemplatesPerGroup", 1, 1_000_000),
        section.integer("maxLineChars", 16, 1_000_000),
        section.stringMap("services"));
    section.finish();
    return config;
  }

  /** The service of {@code logGroup}: the configured one, else the last non-empty segment of its name. */
  public String serviceOf(String logGroup) {
    String configured = services.get(logGroup);
    if (configured != null && !configured.isEmpty()) {
      return configured;
    }
    String trimmed = logGroup.endsWith("/") ? logGroup.substring(0, logGroup.length() - 1) : logGroup;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }
}
