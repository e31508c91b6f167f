package io.vigil.health.logs;

import io.vertx.core.json.JsonObject;
import io.vigil.config.HealthConfig;
import io.vigil.health.AnomalyMark;
import io.vigil.health.Evidence;
import io.vigil.health.LogMark;
import io.vigil.health.SeriesSignal;
import io.vigil.health.SignalKind;
import io.vigil.model.LogEvent;
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
 * One partition's log events (keyed by log group) to health signals. A line that matches a
 * {@link LogSignature} is a signal at once. Error lines are counted per group and minute of data
 * time; when a minute ends (an event of a later minute arrives) its count is sent, and as soon as
 * a minute's count reaches a burst it is sent then too, so a burst moves a score within seconds.
 * The burst is judged against the group's own baseline, an exponentially decaying mean of its
 * per-minute counts (minutes with no events count as zero), and only after
 * {@link #WARM_UP_MINUTES} of the group's data, so a group that always logs errors is not a burst
 * the minute Vigil starts.
 */
public final class LogSignalTracker {

  public static final int WARM_UP_MINUTES = 5;
  static final long MINUTE_MILLIS = 60_000;

  private final HealthConfig.LogErrors rules;
  private final double decayPerMinute;
  private final LogServices services;
  private final Map<String, Group> groups = new HashMap<>();
  private final Set<String> changed = new HashSet<>();

  /** One log group's error counting; the service is the one its last event resolved to. */
  private static final class Group {
    String service;
    long firstMinute;
    long minute;
    int errors;
    LogMark firstError;
    double baseline;
    boolean burstSent;
    AnomalyMark lastBurst;
  }

  public LogSignalTracker(HealthConfig.LogErrors rules, LogServices services) {
    this.rules = rules;
    this.decayPerMinute = Math.pow(0.5, 1.0 / rules.baselineHalfLifeMinutes());
    this.services = services;
  }

  /** The signals {@code event} makes due; none for an event whose service is unknown. */
  public List<SeriesSignal> accept(LogEvent event) {
    Optional<String> service = services.serviceOf(event.logGroup(), event.message());
    if (service.isEmpty()) {
      return List.of();
    }
    List<SeriesSignal> out = new ArrayList<>();
    LogMark mark = new LogMark(event.eventId(), event.logGroup(), event.message());
    Optional<LogSignature> signature = LogSignature.of(event.message());
    signature.ifPresent(found -> out.add(signatureSignal(found, service.get(), event, mark)));
    if (LogSignature.isError(event.message()) || signature.filter(found -> found != LogSignature.DEPLOYMENT).isPresent()) {
      countError(service.get(), event, mark, out);
    } else {
      roll(service.get(), event, out);
    }
    return out;
  }

  private static SeriesSignal signatureSignal(LogSignature signature, String service, LogEvent event, LogMark mark) {
    double value = switch (signature) {
      case MEMORY_KILL -> 137;
      case DEPENDENCY_REFUSED -> LogSignature.port(event.message());
      case DEPLOYMENT -> 1;
    };
    String kind = signature.kind().wireName();
    return new SeriesSignal(signalId(event.logGroup(), kind, service), service, "Logs:" + kind, signature.kind(), value,
        event.timestampMillis(), Optional.empty(), Optional.of(mark));
  }

  private void roll(String service, LogEvent event, List<SeriesSignal> out) {
    Group group = groups.get(event.logGroup());
    long minute = Math.floorDiv(event.timestampMillis(), MINUTE_MILLIS);
    if (group == null) {
      group = newGroup(event.logGroup(), service, minute);
    }
    group.service = service;
    if (minute > group.minute) {
      boolean hadErrors = group.errors > 0;
      long closed = group.minute;
      int count = group.errors;
      group.baseline = group.baseline * decayPerMinute + (1 - decayPerMinute) * count;
      group.baseline *= Math.pow(decayPerMinute, minute - group.minute - 1);
      group.minute = minute;
      group.errors = 0;
      group.firstError = null;
      group.burstSent = false;
      changed.add(event.logGroup());
      if (hadErrors || minute - closed > 1) {
        out.add(errorSignal(event.logGroup(), group, closed, count, Optional.empty()));
      }
    }
  }

  private void countError(String service, LogEvent event, LogMark mark, List<SeriesSignal> out) {
    roll(service, event, out);
    Group group = groups.get(event.logGroup());
    long minute = Math.floorDiv(event.timestampMillis(), MINUTE_MILLIS);
    if (minute < group.minute) {
      return; // an older minute's line, after that minute was sent
    }
    group.errors++;
    if (group.firstError == null) {
      group.firstError = mark;
    }
    changed.add(event.logGroup());
    double threshold = burstThreshold(group);
    boolean warm = minute - group.firstMinute >= WARM_UP_MINUTES;
    if (warm && !group.burstSent && group.errors >= threshold) {
      group.burstSent = true;
      Severity severity = group.errors >= 2 * threshold ? Severity.CRITICAL : Severity.WARNING;
      String id = "ale-" + Long.toUnsignedString((event.logGroup().hashCode() * 31L) ^ minute, 36);
      group.lastBurst = new AnomalyMark(id, severity, group.errors / threshold, event.timestampMillis());
      out.add(errorSignal(event.logGroup(), group, minute, group.errors, Optional.of(group.firstError)));
    }
  }

  private double burstThreshold(Group group) {
    return Math.max(rules.minPerMinute(), rules.burstFactor() * (group.baseline + 1));
  }

  private Group newGroup(String logGroup, String service, long minute) {
    Group group = new Group();
    group.service = service;
    group.firstMinute = minute;
    group.minute = minute;
    groups.put(logGroup, group);
    return group;
  }

  private static SeriesSignal errorSignal(String logGroup, Group group, long minute, int count, Optional<LogMark> example) {
    String kind = SignalKind.LOG_ERRORS.wireName();
    return new SeriesSignal(signalId(logGroup, kind, group.service), group.service,
        "Logs:" + logGroup, SignalKind.LOG_ERRORS, count,
        minute * MINUTE_MILLIS, Optional.ofNullable(group.lastBurst), example);
  }

  static String signalId(String logGroup, String kind, String service) {
    return Evidence.LOG_SIGNAL_PREFIX + logGroup + ":" + kind + ":" + service;
  }

  /** Restores groups from their checkpoints. */
  public void restore(Collection<JsonObject> checkpoints) {
    for (JsonObject checkpoint : checkpoints) {
      Group group = new Group();
      group.service = checkpoint.getString("service");
      group.firstMinute = checkpoint.getLong("firstMinute");
      group.minute = checkpoint.getLong("minute");
      group.errors = checkpoint.getInteger("errors");
      JsonObject first = checkpoint.getJsonObject("firstError");
      group.firstError = first == null ? null : LogMark.fromJson(first);
      group.baseline = checkpoint.getDouble("baseline");
      group.burstSent = checkpoint.getBoolean("burstSent");
      JsonObject burst = checkpoint.getJsonObject("lastBurst");
      group.lastBurst = burst == null ? null : AnomalyMark.fromJson(burst);
      groups.put(checkpoint.getString("logGroup"), group);
    }
  }

  /** Checkpoints (log group, state) of the groups that changed since the last call; they count as saved from now on. */
  public Map<String, JsonObject> changedSinceLastCheckpoint() {
    Map<String, JsonObject> checkpoints = new HashMap<>();
    for (String name : changed) {
      Group group = groups.get(name);
      JsonObject json = new JsonObject().put("logGroup", name).put("service", group.service).put("firstMinute", group.firstMinute)
          .put("minute", group.minute).put("errors", group.errors).put("baseline", group.baseline).put("burstSent", group.burstSent);
      if (group.firstError != null) {
        json.put("firstError", group.firstError.toJson());
      }
      if (group.lastBurst != null) {
        json.put("lastBurst", group.lastBurst.toJson());
      }
      checkpoints.put(name, json);
    }
    changed.clear();
    return checkpoints;
  }

  /** Saving these groups failed: offer them again at the next checkpoint. */
  public void unsaved(Collection<String> names) {
    names.stream().filter(groups::containsKey).forEach(changed::add);
  }

  public int groupCount() {
    return groups.size();
  }
}
