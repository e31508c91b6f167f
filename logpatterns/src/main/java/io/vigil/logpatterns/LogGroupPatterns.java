package io.vigil.logpatterns;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.detectors.logs.TemplateMatch;
import io.vigil.detectors.logs.TemplateMiner;
import io.vigil.detectors.logs.TemplateMinerConfig;
import io.vigil.detectors.logs.TemplateMinerStateMapper;
import io.vigil.model.Anomaly;
import io.vigil.model.LogEvent;
import io.vigil.model.MetricPoint;
import io.vigil.model.SeriesKey;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One log group's templates: its miner, each template's counts, and the per-minute series they make.
 * Minutes are closed by event time (a line of a later minute closes the earlier ones) or by the clock
 * ({@link #closeBefore}); a closed minute gives each template active within {@code activeMinutes}
 * one point, zero when it had no line. Not thread-safe: one stage partition owns it.
 */
public final class LogGroupPatterns {

  public static final String NAMESPACE = "Vigil/Logs";
  public static final String METRIC = "PatternCount";
  /** The detector named on a new pattern's anomaly. */
  public static final String NEW_PATTERN_DETECTOR = "new-pattern";
  static final long MINUTE_MILLIS = 60_000L;
  private static final int EXAMPLE_CHARS = 500;

  /** What one line or one clock tick produced: points of closed minutes and summaries to publish. */
  public record Output(List<MetricPoint> points, List<PatternSummary> summaries, List<Anomaly> newPatterns) {

    public Output(List<MetricPoint> points, List<PatternSummary> summaries) {
      this(points, summaries, List.of());
    }
  }

  private static final class Stats {
    long count;
    long firstSeenMillis;
    long lastSeenMillis;
    String level = "";
    String example = "";
    long minuteCount;
    long lastMinuteCount;
    long previousMinuteCount;
    boolean newPattern;
  }

  private final String logGroup;
  private final String service;
  private final int warmupLines;
  private final int activeMinutes;
  private final TemplateMinerConfig minerConfig;
  private TemplateMiner miner;
  private final Map<Integer, Stats> stats = new TreeMap<>();
  private long linesSeen;
  private long openMinuteMillis = -1;
  private long knownMerges;

  public LogGroupPatterns(String logGroup, String service, int warmupLines, int activeMinutes, TemplateMinerConfig minerConfig) {
    this.logGroup = logGroup;
    this.service = service;
    this.warmupLines = warmupLines;
    this.activeMinutes = activeMinutes;
    this.minerConfig = minerConfig;
    this.miner = new TemplateMiner(minerConfig);
  }

  /** Mines one line; points for any minute it closes, and the summary of a pattern it created. */
  public Output accept(LogEvent event) {
    long minute = Math.floorDiv(event.timestampMillis(), MINUTE_MILLIS) * MINUTE_MILLIS;
    List<MetricPoint> points = new ArrayList<>();
    List<PatternSummary> summaries = new ArrayList<>();
    if (openMinuteMillis < 0) {
      openMinuteMillis = minute;
    } else if (minute > openMinuteMillis) {
      close(minute, points, summaries);
    }
    TemplateMatch match = miner.add(event.message());
    linesSeen++;
    if (match.overflow()) {
      return new Output(points, summaries);
    }
    if (miner.merges() != knownMerges) {
      foldMerged();
    }
    Stats s = stats.get(match.templateId());
    if (s == null) {
      s = new Stats();
      s.firstSeenMillis = event.timestampMillis();
      s.newPattern = linesSeen > warmupLines;
      stats.put(match.templateId(), s);
    }
    s.count++;
    s.minuteCount++;
    s.lastSeenMillis = Math.max(s.lastSeenMillis, event.timestampMillis());
    s.example = event.message().length() > EXAMPLE_CHARS ? event.message().substring(0, EXAMPLE_CHARS) : event.message();
    if (s.level.isEmpty()) {
      s.level = LogLevels.of(event.message());
    }
    if (match.created()) {
      summaries.add(summary(match.templateId(), s));
      if (s.newPattern) {
        return new Output(points, summaries, List.of(newPatternAnomaly(match.templateId(), event)));
      }
    }
    return new Output(points, summaries);
  }

  /** Closes the open minute if it ended before {@code minuteMillis} (the clock's close, for a quiet group). */
  public Output closeBefore(long minuteMillis) {
    List<MetricPoint> points = new ArrayList<>();
    List<PatternSummary> summaries = new ArrayList<>();
    if (openMinuteMillis >= 0 && minuteMillis > openMinuteMillis) {
      close(minuteMillis, points, summaries);
    }
    return new Output(points, summaries);
  }

  /**
   * Closes the open minute and the quiet ones after it up to {@code nextMinute}: of a long gap only
   * the last {@code activeMinutes} minutes get (zero) points, since no template is active before them.
   */
  private void close(long nextMinute, List<MetricPoint> points, List<PatternSummary> summaries) {
    closeOne(openMinuteMillis, points, summaries);
    long firstQuiet = Math.max(openMinuteMillis + MINUTE_MILLIS, nextMinute - activeMinutes * MINUTE_MILLIS);
    for (long m = firstQuiet; m < nextMinute; m += MINUTE_MILLIS) {
      closeOne(m, points, summaries);
    }
    openMinuteMillis = nextMinute;
  }

  private void closeOne(long minute, List<MetricPoint> points, List<PatternSummary> summaries) {
    for (Map.Entry<Integer, Stats> entry : stats.entrySet()) {
      Stats s = entry.getValue();
      boolean hadLines = s.minuteCount > 0;
      boolean wentQuiet = !hadLines && s.lastMinuteCount > 0;
      if (s.lastSeenMillis >= minute - activeMinutes * MINUTE_MILLIS) {
        points.add(new MetricPoint(seriesOf(entry.getKey()), minute, s.minuteCount, "Count"));
      }
      s.previousMinuteCount = s.lastMinuteCount;
      s.lastMinuteCount = s.minuteCount;
      s.minuteCount = 0;
      if (hadLines || wentQuiet) {
        summaries.add(summary(entry.getKey(), s));
      }
    }
  }

  /** Templates merged by the miner hand their counts to the template they joined. */
  private void foldMerged() {
    knownMerges = miner.merges();
    for (Integer id : List.copyOf(stats.keySet())) {
      int current = miner.resolve(id);
      if (current != id) {
        Stats from = stats.remove(id);
        Stats into = stats.get(current);
        if (into == null) {
          stats.put(current, from);
          continue;
        }
        into.count += from.count;
        into.minuteCount += from.minuteCount;
        into.lastMinuteCount += from.lastMinuteCount;
        into.previousMinuteCount += from.previousMinuteCount;
        into.firstSeenMillis = Math.min(into.firstSeenMillis, from.firstSeenMillis);
        if (from.lastSeenMillis > into.lastSeenMillis) {
          into.lastSeenMillis = from.lastSeenMillis;
          into.example = from.example;
        }
        into.level = into.level.isEmpty() ? from.level : into.level;
        into.newPattern &= from.newPattern;
      }
    }
  }

  /**
   * A template first seen after the group's warm-up, as an anomaly of its count series (detector
   * {@value #NEW_PATTERN_DETECTOR}, warning), so it is listed, alerted on and silenced like any
   * other; its id is the series' and the first line's time, so a re-read line raises it once.
   */
  private Anomaly newPatternAnomaly(int templateId, LogEvent event) {
    SeriesKey series = seriesOf(templateId);
    return new Anomaly(Anomaly.idFor(series.id(), event.timestampMillis()), series, service, event.timestampMillis(), 1, 1, 0, 0,
        Severity.WARNING, NEW_PATTERN_DETECTOR, MINUTE_MILLIS, false);
  }

  /** The series of one template's per-minute count. */
  public SeriesKey seriesOf(int templateId) {
    Map<String, String> dimensions = new TreeMap<>();
    dimensions.put("LogGroup", logGroup);
    dimensions.put("Pattern", patternId(templateId));
    if (!service.isEmpty()) {
      dimensions.put("ServiceName", service);
    }
    return SeriesKey.of(NAMESPACE, METRIC, dimensions);
  }

  static String patternId(int templateId) {
    return "p" + templateId;
  }

  private PatternSummary summary(int id, Stats s) {
    return new PatternSummary(logGroup, service, patternId(id), miner.template(id), s.count, s.firstSeenMillis,
        s.lastSeenMillis, s.level, s.example, s.lastMinuteCount, s.previousMinuteCount, s.newPattern);
  }

  /** Every template's summary now. */
  public List<PatternSummary> summaries() {
    List<PatternSummary> out = new ArrayList<>(stats.size());
    stats.forEach((id, s) -> out.add(summary(id, s)));
    return out;
  }

  /** Templates this group holds now. */
  public int templateCount() {
    return stats.size();
  }

  /** Lines turned away since the miner reached its template cap. */
  public long overflowLines() {
    return miner.overflowLines();
  }

  public String logGroup() {
    return logGroup;
  }

  /** The checkpoint of this group: the miner's state and every template's counts. */
  public JsonObject toJson() {
    JsonArray patterns = new JsonArray();
    stats.forEach((id, s) -> patterns.add(new JsonObject()
        .put("id", id).put("count", s.count).put("firstSeen", s.firstSeenMillis).put("lastSeen", s.lastSeenMillis)
        .put("level", s.level).put("example", s.example).put("minuteCount", s.minuteCount)
        .put("lastMinuteCount", s.lastMinuteCount).put("previousMinuteCount", s.previousMinuteCount)
        .put("newPattern", s.newPattern)));
    return new JsonObject()
        .put("logGroup", logGroup)
        .put("linesSeen", linesSeen)
        .put("openMinute", openMinuteMillis)
        .put("miner", Base64.getEncoder().encodeToString(TemplateMinerStateMapper.toBytes(miner.state())))
        .put("patterns", patterns);
  }

  /** Restores a group from {@link #toJson}. */
  public static LogGroupPatterns fromJson(JsonObject json, String service, int warmupLines, int activeMinutes,
      TemplateMinerConfig minerConfig) {
    LogGroupPatterns group = new LogGroupPatterns(json.getString("logGroup"), service, warmupLines, activeMinutes, minerConfig);
    group.miner = TemplateMiner.restore(minerConfig,
        TemplateMinerStateMapper.fromBytes(Base64.getDecoder().decode(json.getString("miner"))));
    group.knownMerges = group.miner.merges();
    group.linesSeen = json.getLong("linesSeen");
    group.openMinuteMillis = json.getLong("openMinute");
    for (Object item : json.getJsonArray("patterns")) {
      JsonObject p = (JsonObject) item;
      Stats s = new Stats();
      s.count = p.getLong("count");
      s.firstSeenMillis = p.getLong("firstSeen");
      s.lastSeenMillis = p.getLong("lastSeen");
      s.level = p.getString("level");
      s.example = p.getString("example");
      s.minuteCount = p.getLong("minuteCount");
      s.lastMinuteCount = p.getLong("lastMinuteCount");
      s.previousMinuteCount = p.getLong("previousMinuteCount");
      s.newPattern = p.getBoolean("newPattern");
      group.stats.put(p.getInteger("id"), s);
    }
    return group;
  }
}
