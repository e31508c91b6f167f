package io.vigil.config;

/**
 * The log-patterns stage: one template miner per log group, each template's count per minute as a
 * series ({@code Vigil/Logs PatternCount}, dimensions {@code LogGroup}, {@code Pattern}, and
 * {@code ServiceName} when the group's service is known: {@code series.logGroupServices}).
 *
 * @param warmupLines lines a log group must have seen before a template it has never seen counts as a
 *     new pattern
 * @param activeMinutes a template gets a point (zero when it had no line) every minute until it has
 *     been silent this long
 * @param maxTemplatesPerGroup templates one group's miner holds; past it, new shapes are counted as
 *     overflow rather than mined
 * @param maxLineChars characters of a line that are mined
 */
public record LogPatternsConfig(boolean enabled, int checkpointIntervalSeconds, int warmupLines, int activeMinutes,
    int maxTemplatesPerGroup, int maxLineChars) {

  static LogPatternsConfig from(ConfigSection section) {
    LogPatternsConfig config = new LogPatternsConfig(
        section.bool("enabled"),
        section.integer("checkpointIntervalSeconds", 1, 3_600),
        section.integer("warmupLines", 0, 10_000_000),
        section.integer("activeMinutes", 1, 24 * 60),
        section.integer("maxTemplatesPerGroup", 1, 1_000_000),
        section.integer("maxLineChars", 16, 1_000_000));
    section.finish();
    return config;
  }
}
