package io.vigil.logpatterns;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The log groups whose miners reached {@code logPatterns.maxTemplatesPerGroup} in this process, with
 * the lines each turned away: written by the stage every tick, read by {@code /api/v1/sources} and
 * {@code /metrics}. A concurrent map of immutable values, safe from any thread.
 */
public final class PatternOverflow {

  /** One saturated group: the templates it holds and the lines it no longer mines. */
  public record Group(int templates, long overflowLines) {}

  private final ConcurrentMap<String, Group> groups = new ConcurrentHashMap<>();

  /** The latest figures of some saturated groups (a group never leaves: its miner stays at the cap). */
  public void report(Map<String, Group> saturated) {
    groups.putAll(saturated);
  }

  /** Every saturated group, by name. */
  public Map<String, Group> groups() {
    return new TreeMap<>(groups);
  }

  public int saturatedGroups() {
    return groups.size();
  }

  public long overflowLines() {
    return groups.values().stream().mapToLong(Group::overflowLines).sum();
  }
}
