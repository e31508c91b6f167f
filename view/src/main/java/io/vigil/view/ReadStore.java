package io.vigil.view;

import io.vertx.core.json.JsonObject;
import io.vigil.config.ReadModelConfig;
import io.vigil.model.Anomaly;
import io.vigil.model.LogEvent;
import io.vigil.model.ScoredPoint;
import io.vigil.model.SeriesKey;
import io.vigil.web.AuditTrail;
import io.vigil.web.ReadModel;
import io.vigil.web.SeriesPage;
import io.vigil.web.SeriesQuery;
import io.vigil.web.SeriesSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Bounded in-memory views of scored points, anomalies and log events, rebuilt from Kafka at start.
 * Adds de-duplicate (a scored point by series and timestamp, an anomaly or log event by id), so
 * records written twice after a restart appear once.
 *
 * <p>Thread-safe: one verticle writes while HTTP handlers on other event loops read. Each series
 * has its own lock; anomalies and log events share one lock each.
 */
public final class ReadStore implements ReadModel {

  private final ReadModelConfig limits;
  private final ConcurrentNavigableMap<String, SeriesView> series = new ConcurrentSkipListMap<>();
  private volatile Consumer<SeriesKey> newSeries = series -> { };
  private final TimeIndex<Anomaly> anomalies;
  private final TimeIndex<LogEvent> logs;
  private final TimeIndex<JsonObject> audit = new TimeIndex<>(MAX_AUDIT_RECORDS);

  /** The newest audit records kept in memory; the topic keeps them all for its retention. */
  static final int MAX_AUDIT_RECORDS = 20_000;

  public ReadStore(ReadModelConfig limits) {
    this.limits = limits;
    this.anomalies = new TimeIndex<>(limits.maxAnomalies());
    this.logs = new TimeIndex<>(limits.maxLogEvents());
  }

  /** Tells {@code listener} every series the store sees for the first time, on the writing thread. */
  public void onNewSeries(Consumer<SeriesKey> listener) {
    this.newSeries = listener;
  }

  /** Stores an audit record ({@link AuditTrail}'s form); true when its id is new. */
  public boolean addAudit(JsonObject record) {
    return audit.add(record.getString("id"), record.getLong("timeMillis"), record);
  }

  @Override
  public List<JsonObject> audit(long sinceMillis, long untilMillis, String object, int limit) {
    return audit.since(sinceMillis, record -> record.getLong("timeMillis") < untilMillis
        && (object.isEmpty() || object.equals(record.getString("object"))), limit);
  }

  /** Stores a scored point; true when its series had no point at that timestamp. */
  public boolean addPoint(ScoredPoint point) {
    return series.computeIfAbsent(point.seriesId(), id -> {
      newSeries.accept(point.series());
      return new SeriesView(limits.pointsPerSeries());
    }).add(point);
  }

  /** Stores an anomaly; true when its id is new. */
  public boolean addAnomaly(Anomaly anomaly) {
    return anomalies.add(anomaly.id(), anomaly.timestampMillis(), anomaly);
  }

  /** Stores a log event; true when its id is new. */
  public boolean addLogEvent(LogEvent event) {
    return logs.add(event.eventId(), event.timestampMillis(), event);
  }

  /** Walks the id-ordered map from the cursor: no sort per request, and one match past the page says whether there is a next. */
  @Override
  public SeriesPage series(SeriesQuery query) {
    NavigableMap<String, SeriesView> after = query.cursor().isEmpty() ? series : series.tailMap(query.cursor(), false);
    List<SeriesSummary> page = new ArrayList<>();
    for (SeriesView view : after.values()) {
      Optional<SeriesSummary> summary = view.summary();
      if (summary.isEmpty() || !query.matches(summary.get().series(), summary.get().service())) {
        continue;
      }
      if (page.size() == query.limit()) {
        return new SeriesPage(page, page.get(page.size() - 1).series().id());
      }
      page.add(summary.get());
    }
    return new SeriesPage(page, null);
  }

  @Override
  public Optional<List<ScoredPoint>> points(String seriesId, long fromMillis, long toMillis, int limit) {
    SeriesView view = series.get(seriesId);
    return view == null ? Optional.empty() : Optional.of(view.range(fromMillis, toMillis, limit));
  }

  @Override
  public List<Anomaly> anomalies(long sinceMillis, String service, int limit) {
    return anomalies.since(sinceMillis, anomaly -> service.isEmpty() || service.equals(anomaly.service()), limit);
  }

  @Override
  public List<LogEvent> logs(String logGroup, long sinceMillis, int limit) {
    List<LogEvent> events = new ArrayList<>(logs.since(sinceMillis, event -> logGroup.isEmpty() || logGroup.equals(event.logGroup()), limit));
    Collections.reverse(events);
    return events;
  }

  /** The points of one series ({@link PointColumns}), under the series' own lock. */
  private static final class SeriesView {
    private final PointColumns points;

    SeriesView(int capacity) {
      this.points = new PointColumns(capacity);
    }

    synchronized boolean add(ScoredPoint point) {
      return points.add(point);
    }

    synchronized List<ScoredPoint> range(long fromMillis, long toMillis, int limit) {
      return points.range(fromMillis, toMillis, limit);
    }

    synchronized Optional<SeriesSummary> summary() {
      return points.last().map(last -> new SeriesSummary(last.series(), last.service(), points.total(), points.late(), last.timestampMillis(),
          last.value(), last.score()));
    }
  }

  /** Values with ids, ordered by time, de-duplicated by id, capped to the newest {@code capacity}. */
  private static final class TimeIndex<T> {
    private record Key(long timestampMillis, String id) {}

    private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::timestampMillis).thenComparing(Key::id);

    private final int capacity;
    private final TreeMap<Key, T> byTime = new TreeMap<>(ORDER);
    private final Map<String, Key> byId = new HashMap<>();

    TimeIndex(int capacity) {
      this.capacity = capacity;
    }

    synchronized boolean add(String id, long timestampMillis, T value) {
      if (byId.containsKey(id)) {
        return false;
      }
      Key key = new Key(timestampMillis, id);
      byId.put(id, key);
      byTime.put(key, value);
      while (byTime.size() > capacity) {
        byId.remove(byTime.pollFirstEntry().getKey().id());
      }
      return true;
    }

    /** Matching values at or after {@code sinceMillis}, newest first. */
    synchronized List<T> since(long sinceMillis, Predicate<T> filter, int limit) {
      List<T> result = new ArrayList<>();
      for (T value : byTime.tailMap(new Key(sinceMillis, ""), true).descendingMap().values()) {
        if (result.size() == limit) {
          break;
        }
        if (filter.test(value)) {
          result.add(value);
        }
      }
      return result;
    }
  }
}
