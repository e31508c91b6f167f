package io.vigil.view;

import io.vigil.config.SeriesConfig;
import io.vigil.model.SeriesKey;
import io.vigil.web.SeriesBudget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The series budget of this process: every series the read side has (read back from Kafka at start,
 * or scored since) together with those admitted by pushes and not yet scored, up to
 * {@code series.maxSeries} in all and each namespace's limit. Admission of new series is decided
 * under one lock so concurrent pushes cannot overshoot together; looking up known series is
 * lock-free. Series the read side brings back count even beyond a limit (they were admitted once,
 * perhaps under a higher one), so a lowered limit only refuses what is new.
 */
public final class SeriesCap implements SeriesBudget {

  private final SeriesConfig config;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicLong> perNamespace = new ConcurrentHashMap<>();

  public SeriesCap(ReadStore store, SeriesConfig config) {
    this.config = config;
    // Every series the store sees counts, before or after a push admits it.
    store.onNewSeries(this::count);
  }

  private void count(SeriesKey series) {
    if (admitted.add(series.id())) {
      perNamespace.computeIfAbsent(series.namespace(), namespace -> new AtomicLong()).incrementAndGet();
    }
  }

  @Override
  public Optional<Refusal> admit(Collection<SeriesKey> series) {
    List<SeriesKey> fresh = new ArrayList<>();
    for (SeriesKey key : series) {
      if (!admitted.contains(key.id())) {
        fresh.add(key);
      }
    }
    if (fresh.isEmpty()) {
      return Optional.empty();
    }
    synchronized (this) {
      fresh.removeIf(key -> admitted.contains(key.id()));
      if (count() + fresh.size() > limit()) {
        return Optional.of(new Refusal("series.maxSeries", "process", limit(), count(), fresh.size()));
      }
      Map<String, Integer> freshPerNamespace = new HashMap<>();
      fresh.forEach(key -> freshPerNamespace.merge(key.namespace(), 1, Integer::sum));
      for (Map.Entry<String, Integer> namespace : freshPerNamespace.entrySet()) {
        long known = namespaceCount(namespace.getKey());
        int namespaceLimit = config.limitOf(namespace.getKey());
        if (known + namespace.getValue() > namespaceLimit) {
          String setting = config.namespaceLimits().containsKey(namespace.getKey())
              ? "series.namespaceLimits" : "series.maxSeriesPerNamespace";
          return Optional.of(new Refusal(setting, namespace.getKey(), namespaceLimit, known, namespace.getValue()));
        }
      }
      fresh.forEach(this::count);
      return Optional.empty();
    }
  }

  /** The series counted now in {@code namespace}. */
  public long namespaceCount(String namespace) {
    AtomicLong counted = perNamespace.get(namespace);
    return counted == null ? 0 : counted.get();
  }

  @Override
  public long count() {
    return admitted.size();
  }

  @Override
  public long limit() {
    return config.maxSeries();
  }
}
