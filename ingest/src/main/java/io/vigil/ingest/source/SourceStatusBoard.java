package io.vigil.ingest.source;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The latest {@link SourceStatus} of every source, written by the sources, read by the API. */
public final class SourceStatusBoard {

  private final ConcurrentMap<String, SourceStatus> statuses = new ConcurrentHashMap<>();

  /** Replaces the status of {@code status.name()}. */
  public void put(SourceStatus status) {
    statuses.put(status.name(), status);
  }

  public SourceStatus get(String name) {
    return statuses.get(name);
  }

  /** Every source's status, ordered by name. */
  public List<SourceStatus> all() {
    return statuses.values().stream().sorted(Comparator.comparing(SourceStatus::name)).toList();
  }
}
