package io.vigil.alerting.notify;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which outbox offsets may be committed while deliveries finish out of order: per partition, the
 * offset after the longest run of finished notifications from the oldest one read, so a commit
 * never passes a notification still in flight and a crash re-sends only those. Pure and not
 * thread-safe: the delivery verticle's event loop owns it.
 */
final class OutboxWatermark {

  /** Per partition, every offset read and not yet committable, and whether its delivery finished. */
  private final Map<Integer, TreeMap<Long, Boolean>> pending = new HashMap<>();

  /** A partition assigned to this member starts with nothing read. */
  void assigned(int partition) {
    pending.put(partition, new TreeMap<>());
  }

  /** A revoked partition is forgotten: its next owner reads it from the last commit. */
  void revoked(int partition) {
    pending.remove(partition);
  }

  /** A notification read at {@code offset}, its delivery not finished yet. */
  void read(int partition, long offset) {
    pending.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, false);
  }

  /** The delivery read at {@code offset} finished (delivered, dead-lettered or skipped); ignored for a partition since revoked. */
  void finished(int partition, long offset) {
    TreeMap<Long, Boolean> offsets = pending.get(partition);
    if (offsets != null) {
      offsets.put(offset, true);
    }
  }

  /**
   * The offset to commit for every partition whose finished prefix grew since the last call; that
   * prefix is forgotten, so each offset is handed out once.
   */
  Map<Integer, Long> drainCommittable() {
    Map<Integer, Long> committable = new HashMap<>();
    pending.forEach((partition, offsets) -> {
      long next = -1;
      for (Iterator<Map.Entry<Long, Boolean>> iterator = offsets.entrySet().iterator(); iterator.hasNext(); ) {
        Map.Entry<Long, Boolean> entry = iterator.next();
        if (!entry.getValue()) {
          break;
        }
        next = entry.getKey() + 1;
        iterator.remove();
      }
      if (next >= 0) {
        committable.put(partition, next);
      }
    });
    return committable;
  }
}
