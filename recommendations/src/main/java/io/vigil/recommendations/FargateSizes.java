package io.vigil.recommendations;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The task sizes Fargate accepts (Linux): each CPU value with its own memory range and step. A need
 * is snapped up to the cheapest valid size that covers both its CPU and its memory, taking a larger
 * CPU when the memory needed is beyond what a CPU value allows.
 */
public final class FargateSizes {

  private record Row(int cpu, List<Integer> memoriesMiB) {}

  private static final int GIB = 1024;
  private static final List<Row> ROWS = List.of(
      new Row(256, List.of(512, GIB, 2 * GIB)),
      new Row(512, range(GIB, 4 * GIB, GIB)),
      new Row(1024, range(2 * GIB, 8 * GIB, GIB)),
      new Row(2048, range(4 * GIB, 16 * GIB, GIB)),
      new Row(4096, range(8 * GIB, 30 * GIB, GIB)),
      new Row(8192, range(16 * GIB, 60 * GIB, 4 * GIB)),
      new Row(16384, range(32 * GIB, 120 * GIB, 8 * GIB)));

  /** The largest size there is. */
  public static final FargateSize LARGEST = new FargateSize(16384, 120 * GIB);

  private FargateSizes() {}

  private static List<Integer> range(int fromMiB, int toMiB, int stepMiB) {
    List<Integer> values = new ArrayList<>();
    for (int value = fromMiB; value <= toMiB; value += stepMiB) {
      values.add(value);
    }
    return List.copyOf(values);
  }

  /** Whether Fargate runs a task of this size. */
  public static boolean isValid(FargateSize size) {
    return ROWS.stream().anyMatch(row -> row.cpu == size.cpu() && row.memoriesMiB.contains(size.memoryMiB()));
  }

  /**
   * The smallest valid size with at least {@code cpu} units and {@code memoryMiB}: the lowest CPU
   * that covers the CPU need and offers enough memory, with the least memory it allows above the
   * need. Empty when even the largest size is too small.
   */
  public static Optional<FargateSize> atLeast(double cpu, double memoryMiB) {
    for (Row row : ROWS) {
      if (row.cpu < cpu) {
        continue;
      }
      for (int memory : row.memoriesMiB) {
        if (memory >= memoryMiB) {
          return Optional.of(new FargateSize(row.cpu, memory));
        }
      }
    }
    return Optional.empty();
  }

  /** Every valid size, smallest CPU first (for tests and the documentation). */
  public static List<FargateSize> all() {
    List<FargateSize> sizes = new ArrayList<>();
    ROWS.forEach(row -> row.memoriesMiB.forEach(memory -> sizes.add(new FargateSize(row.cpu, memory))));
    return sizes;
  }
}
