package io.vigil.logpatterns;

import io.vertx.core.json.JsonObject;
import io.vigil.config.LogGroupServices;
import io.vigil.config.LogPatternsConfig;
import io.vigil.detectors.logs.TemplateMinerConfig;
import io.vigil.model.Anomaly;
import io.vigil.model.LogEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The log groups of one stage partition, each with its own {@link LogGroupPatterns}, and which changed since the last checkpoint. */
public final class PartitionPatterns {

  /** How far behind the clock a line's time may be for its new pattern to page. */
  static final long HISTORY_AFTER_MILLIS = 5 * 60_000L;

  private final LogPatternsConfig config;
  private final TemplateMinerConfig minerConfig;
  private final Map<String, LogGroupPatterns> groups = new HashMap<>();
  private final Set<String> changed = new LinkedHashSet<>();
  private final LogGroupServices services;
  /** By the clock, not checkpointed: after a restore every group counts as quiet until its next line. */
  private final Map<String, Long> lastArrivalMillis = new HashMap<>();

  public PartitionPatterns(LogPatternsConfig config, LogGroupServices services) {
    this.config = config;
    this.services = services;
    this.minerConfig = TemplateMinerConfig.defaults()
        .withMaxTemplates(config.maxTemplatesPerGroup())
        .withMaxLineChars(config.maxLineChars());
  }

  /** A group's service, empty when none is known (its series then has no ServiceName). */
  private String serviceOf(String logGroup) {
    return services.serviceOf(logGroup).orElse("");
  }

  /** Mines one event in its group, which the clock shows arriving at {@code nowMillis}. */
  public LogGroupPatterns.Output accept(LogEvent event, long nowMillis) {
    lastArrivalMillis.put(event.logGroup(), nowMillis);
    LogGroupPatterns group = groups.computeIfAbsent(event.logGroup(), name ->
        new LogGroupPatterns(name, serviceOf(name), config.warmupLines(), config.activeMinutes(), minerConfig));
    changed.add(event.logGroup());
    LogGroupPatterns.Output out = group.accept(event);
    if (out.newPatterns().isEmpty()) {
      return out;
    }
    // A line read long after it was written (a backfill, a replay) raises its new pattern as history: shown, never paged.
    boolean history = nowMillis - event.timestampMillis() > HISTORY_AFTER_MILLIS;
    List<Anomaly> anomalies = out.newPatterns().stream().map(anomaly -> anomaly.withOrigin(anomaly.periodMillis(), history)).toList();
    return new LogGroupPatterns.Output(out.points(), out.summaries(), anomalies);
  }

  /** Every group of this partition whose miner is at its template cap, with its templates and the lines it turned away. */
  public Map<String, PatternOverflow.Group> saturatedGroups() {
    Map<String, PatternOverflow.Group> saturated = new HashMap<>();
    groups.forEach((name, group) -> {
      if (group.overflowLines() > 0) {
        saturated.put(name, new PatternOverflow.Group(group.templateCount(), group.overflowLines()));
      }
    });
    return saturated;
  }

  /**
   * Closes, in every group that received no line for a minute, the minutes that ended before the
   * minute before {@code nowMillis}'s. A group still receiving lines closes its minutes by their
   * event time instead, so a backfill of old lines is counted in the minutes it happened.
   */
  public LogGroupPatterns.Output tick(long nowMillis) {
    long closeBefore = Math.floorDiv(nowMillis, LogGroupPatterns.MINUTE_MILLIS) * LogGroupPatterns.MINUTE_MILLIS
        - LogGroupPatterns.MINUTE_MILLIS;
    List<io.vigil.model.MetricPoint> points = new ArrayList<>();
    List<PatternSummary> summaries = new ArrayList<>();
    groups.forEach((name, group) -> {
      if (nowMillis - lastArrivalMillis.getOrDefault(name, Long.MIN_VALUE / 2) < LogGroupPatterns.MINUTE_MILLIS) {
        return;
      }
      LogGroupPatterns.Output out = group.closeBefore(closeBefore);
      if (!out.points().isEmpty() || !out.summaries().isEmpty()) {
        changed.add(name);
      }
      points.addAll(out.points());
      summaries.addAll(out.summaries());
    });
    return new LogGroupPatterns.Output(points, summaries);
  }

  /** The checkpoint of each group that changed since the last call, keyed by log group. */
  public Map<String, JsonObject> changedSinceLastCheckpoint() {
    Map<String, JsonObject> out = new HashMap<>();
    for (String name : changed) {
      out.put(name, groups.get(name).toJson());
    }
    changed.clear();
    return out;
  }

  /** Checkpoints that could not be written: offered again next time. */
  public void unsaved(List<String> logGroups) {
    changed.addAll(logGroups);
  }

  /** Restores the groups of checkpoints read back. */
  public void restore(Iterable<JsonObject> checkpoints) {
    for (JsonObject json : checkpoints) {
      String name = json.getString("logGroup");
      groups.put(name, LogGroupPatterns.fromJson(json, serviceOf(name), config.warmupLines(),
          config.activeMinutes(), minerConfig));
    }
  }

  public int groupCount() {
    return groups.size();
  }

  /** The group's patterns, if this partition holds it. */
  public java.util.Optional<LogGroupPatterns> group(String logGroup) {
    return java.util.Optional.ofNullable(groups.get(logGroup));
  }
}
