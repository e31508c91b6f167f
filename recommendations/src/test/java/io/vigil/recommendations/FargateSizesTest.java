package io.vigil.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FargateSizesTest {

  @ParameterizedTest(name = "need {0} CPU, {1} MiB -> {2} / {3}")
  @CsvSource({
      // 256: 512, 1024, 2048
      "1, 1, 256, 512", "256, 512, 256, 512", "256, 513, 256, 1024", "256, 2048, 256, 2048",
      // past 256's memory: the next CPU that allows it
      "256, 2049, 512, 3072", "257, 100, 512, 1024",
      // 512: 1-4 GiB
      "512, 4096, 512, 4096", "512, 4097, 1024, 5120",
      // 1024: 2-8 GiB in 1 GiB steps
      "513, 1, 1024, 2048", "1024, 2049, 1024, 3072", "1024, 2826, 1024, 3072", "1024, 8192, 1024, 8192", "1024, 8193, 2048, 9216",
      // 2048: 4-16 GiB
      "1025, 1, 2048, 4096", "2048, 16384, 2048, 16384", "2048, 16385, 4096, 17408",
      // 4096: 8-30 GiB
      "2049, 1, 4096, 8192", "4096, 30720, 4096, 30720", "4096, 30721, 8192, 32768",
      // 8192: 16-60 GiB in 4 GiB steps
      "4097, 1, 8192, 16384", "8192, 16385, 8192, 20480", "8192, 61440, 8192, 61440", "8192, 61441, 16384, 65536",
      // 16384: 32-120 GiB in 8 GiB steps
      "8193, 1, 16384, 32768", "16384, 32769, 16384, 40960", "16384, 122880, 16384, 122880"})
  void snapsUpToTheSmallestValidSize(double cpu, double memory, int expectedCpu, int expectedMemory) {
    FargateSize size = FargateSizes.atLeast(cpu, memory).orElseThrow();
    assertThat(size).isEqualTo(new FargateSize(expectedCpu, expectedMemory));
    assertThat(FargateSizes.isValid(size)).isTrue();
  }

  @Test
  void beyondTheLargestThereIsNone() {
    assertThat(FargateSizes.atLeast(16385, 1)).isEmpty();
    assertThat(FargateSizes.atLeast(1, 122881)).isEmpty();
  }

  @Test
  void theTableHasEveryDocumentedSizeAndNoOther() {
    assertThat(FargateSizes.all()).hasSize(3 + 4 + 7 + 13 + 23 + 12 + 12);
    assertThat(FargateSizes.isValid(new FargateSize(1024, 2560))).isFalse();
    assertThat(FargateSizes.isValid(new FargateSize(8192, 18432))).isFalse();
    assertThat(FargateSizes.isValid(new FargateSize(4096, 31744))).isFalse();
  }
}
