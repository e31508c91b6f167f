package io.vigil.recommendations;

/**
 * Why a recommendation changes what it changes: Compute Optimizer's ECS reason codes, plus the task
 * count codes of scaling recommendations and {@code KilledForMemory}, which Compute Optimizer does
 * not see.
 */
public enum ReasonCode {
  CPU_UNDERPROVISIONED("CPUUnderprovisioned"),
  CPU_OVERPROVISIONED("CPUOverprovisioned"),
  MEMORY_UNDERPROVISIONED("MemoryUnderprovisioned"),
  MEMORY_OVERPROVISIONED("MemoryOverprovisioned"),
  KILLED_FOR_MEMORY("KilledForMemory"),
  TASK_COUNT_UNDERPROVISIONED("TaskCountUnderprovisioned"),
  TASK_COUNT_OVERPROVISIONED("TaskCountOverprovisioned");

  private final String wire;

  ReasonCode(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static ReasonCode parse(String text) {
    for (ReasonCode code : values()) {
      if (code.wire.equals(text)) {
        return code;
      }
    }
    throw new IllegalArgumentException("unknown reason code " + text);
  }
}
