package io.vigil.health;

import io.vertx.core.json.JsonObject;
import io.vigil.config.HealthConfig;
import io.vigil.model.Anomaly;
import io.vigil.model.ScoredPoint;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the scored points of one partition of {@code vigil.scores} into series signals for the
 * health stage: per series the latest value, kind and latest anomaly, emitted at most once per
 * series per {@link #EMIT_EVERY_MILLIS} of data time, and at once when the point is anomalous,
 * stops being anomalous, crosses a saturation limit or changes an availability count. So the
 * health topic carries a minute's summary, not every point, yet nothing that moves a score waits.
 * A latency series' signal carries its {@link LatencyBaseline}, a memory series' its
 * {@link MemoryTrend}, each updated with every point; the signal is sent at once when the latency's
 * ratio to its baseline crosses a limit, or the memory trend starts heading for full within
 * {@code memoryFullWithinMinutes} (and each time the minutes left shrink by a fifth), so a regression or a fast
 * leak does not wait for the minute's signal.
 *
 * <p>The service of a series is the detection stage's (from its dimensions); a probe's series has
 * none, so its ProbeName stands in; then {@code health.serviceAliases} maps it to the service it
 * counts towards. Series with no service are not scored. Pure and not thread-safe: one partition's
 * tracker is used by one event loop.
 */
public final class SignalTracker {

  public static final long EMIT_EVERY_MILLIS = 60_000;
  /** A memory forecast is sent again each time its minutes left shrink by this factor, at most this many times. */
  private static final double NEARNESS_STEP = 1.25;
  private static final int NEARNESS_STEPS = 10;

  private final double anomalyThreshold;
  private final double criticalThreshold;
  private final Map<String, String> serviceAliases;
  private final SaturationLevels levels;
  private final Map<String, Tracked> series = new HashMap<>();
  private final Set<String> changed = new HashSet<>();

  /**
   * Utilisation limits whose crossing is a change worth sending at once.
   *
   * @param memoryFullWithinMinutes a memory trend heading for full within this long is such a change too
   * @param latencyWarnRatio latency this many times its baseline is one too, and so is
   * @param latencySeriousRatio this many times
   */
  public record SaturationLevels(double cpuWarn, double cpuSerious, double memoryWarn, double memorySerious, double memoryFullWithinMinutes,
      double latencyWarnRatio, double latencySeriousRatio) {

    /** The levels the scorer's limits name. */
    public static SaturationLevels of(HealthConfig.Limits limits) {
      return new SaturationLevels(limits.cpuWarnPercent(), limits.cpuSeriousPercent(), limits.memoryWarnPercent(), limits.memorySeriousPercent(),
          limits.memoryFullWithinMinutes(), limits.latencyWarnRatio(), limits.latencySeriousRatio());
    }
  }

  /**
   * One series' state: the last signal sent, whether its last point was anomalous, its level, and
   * up to the last point its memory trend (memory only, else null) or latency baseline (latency
   * only, else null).
   */
  record Tracked(SeriesSignal sent, boolean anomalous, double level, MemoryTrend heading, LatencyBaseline normal) {

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("signal", sent.toJson()).put("anomalous", anomalous).put("level", level);
      if (heading != null) {
        json.put("heading", heading.toJson());
      }
      return normal == null ? json : json.put("normal", normal.toJson());
    }

    static Tracked fromJson(JsonObject json) {
      SeriesSignal sent = SeriesSignal.fromJson(json.getJsonObject("signal"));
      JsonObject heading = json.getJsonObject("heading");
      JsonObject normal = json.getJsonObject("normal");
      return new Tracked(sent, json.getBoolean("anomalous"), json.getDouble("level"),
          heading != null ? MemoryTrend.fromJson(heading) : sent.trend().orElse(null),
          normal != null ? LatencyBaseline.fromJson(normal) : sent.baseline().orElse(null));
    }
  }

  public SignalTracker(double anomalyThreshold, double criticalThreshold, Map<String, String> serviceAliases, SaturationLevels levels) {
    this.anomalyThreshold = anomalyThreshold;
    this.criticalThreshold = criticalThreshold;
    this.serviceAliases = Map.copyOf(serviceAliases);
    this.levels = levels;
  }

  /** The signal to send for {@code point}, if it is due; late points and series without a service give none. */
  public Optional<SeriesSignal> accept(ScoredPoint point) {
    if (point.late()) {
      return Optional.empty();
    }
    String service = serviceOf(point);
    if (service.isEmpty()) {
      return Optional.empty();
    }
    String seriesId = point.seriesId();
    SignalKind kind = SignalKind.of(point.series());
    boolean anomalous = point.score() >= anomalyThreshold;
    Tracked before = series.get(seriesId);
    MemoryTrend heading = null;
    if (kind == SignalKind.MEMORY) {
      heading = before == null || before.heading() == null
          ? MemoryTrend.first(point.value(), point.timestampMillis())
          : before.heading().update(point.value(), point.timestampMillis());
    }
    LatencyBaseline normal = null;
    if (kind == SignalKind.LATENCY) {
      normal = before == null || before.normal() == null
          ? LatencyBaseline.first(point.value(), point.timestampMillis())
          : before.normal().update(point.value(), point.timestampMillis(), anomalous);
    }
    double level = level(kind, point.value(), heading, normal);
    Optional<AnomalyMark> mark = before == null ? Optional.empty() : before.sent().anomaly();
    if (anomalous) {
      Severity severity = point.score() >= criticalThreshold ? Severity.CRITICAL : Severity.WARNING;
      mark = Optional.of(new AnomalyMark(Anomaly.idFor(seriesId, point.timestampMillis()), severity, point.score(), point.timestampMillis()));
    }
    boolean due = before == null
        || anomalous
        || anomalous != before.anomalous()
        || level != before.level()
        || !service.equals(before.sent().service())
        || point.timestampMillis() - before.sent().timestampMillis() >= EMIT_EVERY_MILLIS;
    if (!due) {
      if (heading != null || normal != null) {
        series.put(seriesId, new Tracked(before.sent(), anomalous, level, heading, normal));
        changed.add(seriesId);
      }
      return Optional.empty();
    }
    Optional<LatencyBaseline> baseline = Optional.ofNullable(normal);
    Optional<MemoryTrend> trend = Optional.ofNullable(heading);
    SeriesSignal signal = new SeriesSignal(seriesId, service, point.series().namespace() + ":" + point.series().metric(), kind,
        point.value(), point.timestampMillis(), mark, Optional.empty(), baseline, trend);
    series.put(seriesId, new Tracked(signal, anomalous, level, heading, normal));
    changed.add(seriesId);
    return Optional.of(signal);
  }

  /**
   * The level whose change is sent at once: the saturation band (for memory, and a hundredth for each
   * step of its trend's {@link #nearness}), the latency's band against its baseline, or an availability count itself.
   */
  private double level(SignalKind kind, double value, MemoryTrend heading, LatencyBaseline normal) {
    return switch (kind) {
      case CPU -> value >= levels.cpuSerious() ? 2 : value >= levels.cpuWarn() ? 1 : 0;
      case MEMORY -> (value >= levels.memorySerious() ? 2 : value >= levels.memoryWarn() ? 1 : 0) + nearness(heading) / 100.0;
      case LATENCY -> {
        double ratio = normal.ratio();
        yield ratio >= levels.latencySeriousRatio() ? 2 : ratio >= levels.latencyWarnRatio() ? 1 : 0;
      }
      case UNHEALTHY_HOSTS, RUNNING_TASKS, DESIRED_TASKS, PROBE -> value;
      default -> 0;
    };
  }

  /**
   * How near full a memory trend heads: 0 beyond {@code memoryFullWithinMinutes}, then one more each
   * time the minutes left shrink by a fifth (up to 10 steps, to a tenth of it), so a forecast that
   * keeps shortening is sent each time its deduction, which grows inversely with the minutes left,
   * has grown by a quarter: the score crosses a band within a step of the forecast that crosses it.
   */
  private int nearness(MemoryTrend heading) {
    double minutes = heading.minutesTo(100);
    double within = levels.memoryFullWithinMinutes();
    if (minutes > within) {
      return 0;
    }
    return 1 + (int) Math.min(NEARNESS_STEPS - 1, Math.floor(Math.log(within / Math.max(minutes, 0.5)) / Math.log(NEARNESS_STEP)));
  }

  private String serviceOf(ScoredPoint point) {
    String service = point.service();
    if (service.isEmpty()) {
      service = point.series().dimensions().getOrDefault("ProbeName", "");
    }
    return serviceAliases.getOrDefault(service, service);
  }

  /** Restores series from their checkpoints. */
  public void restore(Collection<JsonObject> checkpoints) {
    for (JsonObject checkpoint : checkpoints) {
      Tracked tracked = Tracked.fromJson(checkpoint);
      series.put(tracked.sent().seriesId(), tracked);
    }
  }

  /** Checkpoints (series id, state) of the series whose signal was sent since the last call; they count as saved from now on. */
  public Map<String, JsonObject> changedSinceLastCheckpoint() {
    Map<String, JsonObject> checkpoints = new HashMap<>();
    changed.forEach(seriesId -> checkpoints.put(seriesId, series.get(seriesId).toJson()));
    changed.clear();
    return checkpoints;
  }

  /** Saving these series failed: offer them again at the next checkpoint. */
  public void unsaved(Collection<String> seriesIds) {
    seriesIds.stream().filter(series::containsKey).forEach(changed::add);
  }

  public int seriesCount() {
    return series.size();
  }

  /** The series ids held, for tests and logs. */
  List<String> seriesIds() {
    return new ArrayList<>(series.keySet());
  }
}
