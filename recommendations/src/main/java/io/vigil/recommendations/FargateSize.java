package io.vigil.recommendations;

/** A task size: CPU units (1024 = one vCPU) and memory in MiB. */
public record FargateSize(int cpu, int memoryMiB) {

  public FargateSize {
    if (cpu <= 0 || memoryMiB <= 0) {
      throw new IllegalArgumentException("cpu and memoryMiB must be positive, were " + cpu + ", " + memoryMiB);
    }
  }

  public double vcpu() {
    return cpu / 1024.0;
  }

  public double memoryGiB() {
    return memoryMiB / 1024.0;
  }

  @Override
  public String toString() {
    return cpu + " CPU / " + memoryMiB + " MiB";
  }
}
