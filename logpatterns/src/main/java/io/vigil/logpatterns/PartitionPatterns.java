package io.vigil.logpatterns;

import io.vertx.core.json.JsonObject;
import io.vigil.config.LogGroupServices;
import io.vigil.config.LogPatternsConfig;
import io.vigil.detectors.logs.TemplateMinerConfig;
import io.vigil.model.LogEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The log groups of one stage partition, each with its own {@link LogGroupPatterns}, and which changed since the last checkpoint. */
public final class PartitionPatterns {

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
    return group.accept(event);
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
