package io.vigil.alerting;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;

/**
 * Which anomaly partitions this process owns, and so which alerts it evaluates and which
 * notification groups it notifies: a series and a group key belong to the partition the producer's
 * default partitioner picks for them as a key. Between a revoke and the assignment that follows it
 * the process is rebalancing: its ticks wait, so no process resolves or notifies an alert it is
 * losing. Not thread-safe: the verticle's event loop owns it.
 */
final class PartitionOwnership {

  /** What an assignment changed: the partitions owned now, those gone elsewhere and those new here. */
  record Change(Set<Integer> owned, Set<Integer> gone, Set<Integer> added) {}

  private final int partitions;
  /** The anomaly partitions whose alerts the evaluator holds. */
  private final Set<Integer> held = new HashSet<>();
  /** The partitions (of the anomalies and, co-partitioned, of the commands) whose records are applied. */
  private final Set<Integer> consumed = new HashSet<>();
  private boolean rebalancing;

  PartitionOwnership(int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    this.partitions = partitions;
  }

  /** The anomalies partition of a series id or a notification group key. */
  int partitionOf(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** Whether this process owns the series or group with this key. */
  boolean owns(String key) {
    return held.contains(partitionOf(key));
  }

  /** Whether records of this partition number are applied here (else they were fetched just before a revoke). */
  boolean consumes(int partition) {
    return consumed.contains(partition);
  }

  boolean rebalancing() {
    return rebalancing;
  }

  /**
   * Stops applying the revoked partitions' records at once; what is held stays until the assignment
   * shows which partitions stay here (the range assignor revokes every partition on each rebalance).
   */
  void revoked(Collection<Integer> revoked) {
    consumed.removeAll(revoked);
    rebalancing = true;
  }

  /** Takes the new assignment of anomaly partitions and ends the rebalance. */
  Change assigned(Set<Integer> owned) {
    Set<Integer> gone = new HashSet<>(held);
    gone.removeAll(owned);
    Set<Integer> added = new HashSet<>(owned);
    added.removeAll(held);
    held.clear();
    held.addAll(owned);
    consumed.clear();
    consumed.addAll(owned);
    rebalancing = false;
    return new Change(Set.copyOf(owned), gone, added);
  }
}
