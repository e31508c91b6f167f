package io.vigil.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DecayingHistogramTest {

  private static final long DAY = 24 * 3600_000L;

  @Test
  void percentilesOfAUniformSpreadAreTheirBucketEndsAtMostFivePercentHigh() {
    DecayingHistogram histogram = new DecayingHistogram(DAY);
    for (int value = 1; value <= 1000; value++) {
      histogram.add(value, 0);
    }
    assertThat(histogram.percentile(0.5)).isBetween(500.0, 525.0);
    assertThat(histogram.percentile(0.9)).isBetween(900.0, 945.0);
    assertThat(histogram.percentile(0.95)).isBetween(950.0, 997.5);
    assertThat(histogram.max()).isBetween(1000.0, 1050.0);
  }

  @Test
  void aSampleADayOlderWeighsHalf() {
    DecayingHistogram histogram = new DecayingHistogram(DAY);
    histogram.add(100, 0);
    histogram.add(200, DAY);
    // Weights 1 and 2: a third of the weight lies at 100.
    assertThat(histogram.shares().values()).containsExactly(1.0 / 3, 2.0 / 3);
    assertThat(histogram.percentile(0.33)).isBetween(100.0, 105.0);
    assertThat(histogram.percentile(0.34)).isBetween(200.0, 210.0);
  }

  @Test
  void movingTheReferenceKeepsTheShares() {
    DecayingHistogram histogram = new DecayingHistogram(1000);
    histogram.add(10, 0);
    histogram.add(20, 1000);
    histogram.add(20, 200_000); // 200 half-lives later: the reference moves, the first sample all but vanishes
    assertThat(histogram.percentile(0.01)).isBetween(20.0, 21.0);
    DecayingHistogram restored = DecayingHistogram.restore(1000, histogram.state());
    assertThat(restored.shares()).isEqualTo(histogram.shares());
  }

  @Test
  void bucketsAreFivePercentApartAndHoldTheirEdges() {
    for (int bucket = 1; bucket < 400; bucket += 37) {
      double start = DecayingHistogram.bucketStart(bucket);
      assertThat(DecayingHistogram.bucket(start)).isEqualTo(bucket);
      assertThat(DecayingHistogram.bucketEnd(bucket) / start).isCloseTo(1.05, within(1e-12));
    }
    assertThat(DecayingHistogram.bucket(0)).isZero();
    assertThat(DecayingHistogram.bucket(0.99)).isZero();
  }
}
