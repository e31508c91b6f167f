package io.vigil.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A latency series' recent mean against its own slow baseline, updated a minute at a time. */
class LatencyBaselineTest {

  static final long T0 = 1_800_000_000_000L;
  static final long MINUTE = 60_000L;

  private static LatencyBaseline steady(int minutes, double value) {
    LatencyBaseline normal = LatencyBaseline.first(value, T0);
    for (int m = 1; m <= minutes; m++) {
      normal = normal.update(value, T0 + m * MINUTE, false);
    }
    return normal;
  }

  @Test
  void noRatioBeforeAnHourOfData() {
    assertThat(steady(59, 0.15).ratio()).isNaN();
    assertThat(steady(60, 0.15).ratio()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void aRegressionReadsAsSlowerForAsLongAsItLasts() {
    LatencyBaseline normal = steady(240, 0.15);
    long at = T0 + 240 * MINUTE;
    for (int m = 1; m <= 15; m++) {
      normal = normal.update(0.50, at + m * MINUTE, false);
    }
    assertThat(normal.ratio()).as("after 15 minutes at 3.3 times").isGreaterThan(2.5);
    assertThat(normal.baseline()).as("the baseline barely moved").isLessThan(0.17);
    for (int m = 16; m <= 120; m++) {
      normal = normal.update(0.50, at + m * MINUTE, false);
    }
    assertThat(normal.ratio()).as("two hours on it is still well above, and slowly becoming the new normal").isBetween(1.5, 3.0);
  }

  @Test
  void anomalousValuesMoveOnlyTheRecentMean() {
    LatencyBaseline normal = steady(120, 0.15);
    LatencyBaseline after = normal.update(5.0, T0 + 121 * MINUTE, true);
    assertThat(after.baseline()).isEqualTo(normal.baseline());
    assertThat(after.recent()).isGreaterThan(normal.recent());
    assertThat(after.minutes()).isEqualTo(normal.minutes());
    assertThat(normal.update(9, normal.atMillis(), false)).as("no time passed, no weight").isEqualTo(normal);
    assertThat(LatencyBaseline.fromJson(after.toJson())).isEqualTo(after);
  }
}
