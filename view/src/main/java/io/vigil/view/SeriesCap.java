package io.vigil.view;

import io.vigil.web.SeriesBudget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The series budget of this process: every series the read side has (read back from Kafka at start,
 * or scored since) together with those admitted by pushes and not yet scored, up to
 * {@code series.maxSeries}. Admission of new series is decided under one lock so concurrent pushes
 * cannot overshoot together; looking up known series is lock-free.
 */
public final class SeriesCap implements SeriesBudget {

  private final long limit;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();

  public SeriesCap(ReadStore store, long limit) {
    this.limit = limit;
    // Every series the store sees counts, before or after a push admits it.
    store.onNewSeries(admitted::add);
  }

  @Override
  public boolean admit(Collection<String> seriesIds) {
    List<String> fresh = new ArrayList<>();
    for (String id : seriesIds) {
      if (!admitted.contains(id)) {
        fresh.add(id);
      }
    }
    if (fresh.isEmpty()) {
      return true;
    }
    synchronized (this) {
      fresh.removeIf(admitted::contains);
      if (count() + fresh.size() > limit) {
        return false;
      }
      admitted.addAll(fresh);
      return true;
    }
  }

  @Override
  public long count() {
    return admitted.size();
  }

  @Override
  public long limit() {
    return limit;
  }
}
