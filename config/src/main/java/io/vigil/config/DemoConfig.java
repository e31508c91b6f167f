package io.vigil.config;

/** The built-in demo workload. */
public record DemoConfig(boolean enabled, long seed, int intervalSeconds, int backfillMinutes) {

  static DemoConfig from(ConfigSection section) {
    DemoConfig config = new DemoConfig(
        section.bool("enabled"),
        section.longValue("seed", Long.MIN_VALUE, Long.MAX_VALUE),
        section.integer("intervalSeconds", 1, 3600),
        section.integer("backfillMinutes", 0, 7 * 24 * 60));
    section.finish();
    return config;
  }
}
