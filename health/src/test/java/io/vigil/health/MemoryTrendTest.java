package io.vigil.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Holt's smoothing of a memory series: a leak is seen coming, noise and steady use are not. */
class MemoryTrendTest {

  static final long T0 = 1_800_000_000_000L;
  static final long MINUTE = 60_000L;

  @Test
  void aLeakOfThreePointsAMinuteIsFullInAboutTheRightTime() {
    MemoryTrend trend = MemoryTrend.first(40, T0);
    for (int m = 1; m <= 12; m++) {
      trend = trend.update(40 + 3 * m, T0 + m * MINUTE);
    }
    assertThat(trend.slopePerMinute()).isCloseTo(3, within(0.5));
    assertThat(trend.minutesTo(100)).as("76%% now, 3%% a minute").isBetween(6.0, 12.0);
    assertThat(MemoryTrend.fromJson(trend.toJson())).isEqualTo(trend);
  }

  @Test
  void aLeakFillingMemoryInEightMinutesIsForecastWithinTwo() {
    SplittableRandom noise = new SplittableRandom(11);
    long tenSeconds = MINUTE / 6;
    MemoryTrend trend = MemoryTrend.first(40, T0);
    long t = T0;
    for (int i = 1; i <= 6 * 30; i++) {
      t += tenSeconds;
      trend = trend.update(40 + 0.5 * noise.nextGaussian(), t);
    }
    long leakStart = t;
    for (int i = 1; i <= 12; i++) {
      t += tenSeconds;
      double minutesIn = (t - leakStart) / (double) MINUTE;
      trend = trend.update(40 + 7.5 * minutesIn + 0.5 * noise.nextGaussian(), t);
    }
    assertThat(trend.minutesTo(100))
        .as("two minutes into a leak of 7.5%% a minute (55%% now, truly full in 6 minutes)")
        .isBetween(3.0, 20.0);
  }

  @Test
  void steadyNoisyMemoryIsNeverForecastFull() {
    // Ten hours of N(55, 1) a minute, and of N(55, 2) every ten seconds.
    for (long[] sampling : new long[][] {{MINUTE, 1}, {MINUTE / 6, 2}}) {
      long step = sampling[0];
      double deviation = sampling[1];
      SplittableRandom noise = new SplittableRandom(7);
      MemoryTrend trend = MemoryTrend.first(55, T0);
      double worstSlope = 0;
      double soonestFull = Double.POSITIVE_INFINITY;
      for (long t = T0 + step; t <= T0 + 600 * MINUTE; t += step) {
        trend = trend.update(55 + deviation * noise.nextGaussian(), t);
        if (t - T0 > MemoryTrend.WARM_UP_MINUTES * MINUTE) {
          worstSlope = Math.max(worstSlope, trend.slopePerMinute());
          soonestFull = Math.min(soonestFull, trend.minutesTo(100));
        }
      }
      String what = String.format("ten hours of N(55, %.0f) every %d s", deviation, step / 1000);
      // 1.5 a minute is what would take 55% to full within the half hour.
      assertThat(worstSlope).as(what).isLessThan(1.5);
      assertThat(soonestFull).as(what + ": never full within the half hour that counts").isGreaterThan(30.0);
    }
  }

  @Test
  void noForecastBeforeTheWarmUpOrWhenFalling() {
    MemoryTrend young = MemoryTrend.first(40, T0).update(60, T0 + 5 * MINUTE);
    assertThat(young.minutesTo(100)).isInfinite();
    MemoryTrend falling = MemoryTrend.first(90, T0);
    for (int m = 1; m <= 15; m++) {
      falling = falling.update(90 - m, T0 + m * MINUTE);
    }
    assertThat(falling.minutesTo(100)).isInfinite();
  }
}
