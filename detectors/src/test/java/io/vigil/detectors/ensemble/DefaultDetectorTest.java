package io.vigil.detectors.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.detectors.DetectionResult;
import io.vigil.detectors.Detector;
import io.vigil.detectors.stats.TailCalibration;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour specific to the default ensemble. */
class DefaultDetectorTest {

  private static final long T0 = 1_400_000_000_000L;

  private static double[] run(Detector detector, double[] values) {
    double[] scores = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      scores[i] = detector.update(T0 + i * 300_000L, values[i]).score();
    }
    return scores;
  }

  private static double[] noisyWave(int n, double offset, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = offset + 5 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian();
    }
    return values;
  }

  @Test
  void spikeOnAHugeOffsetGetsTheTopScore() {
    double[] values = noisyWave(3000, 1e9, 1);
    values[2500] += 25;
    double[] scores = run(new DefaultDetectorType().create(), values);
    double otherwise = Arrays.stream(scores, 0, 2500).max().orElseThrow();
    assertThat(scores[2500]).isGreaterThan(otherwise);
  }

  @Test
  void levelShiftIsFlaggedSoonAfterItStarts() {
    double[] values = noisyWave(3000, 100, 2);
    for (int i = 2000; i < values.length; i++) {
      values[i] += 8;
    }
    double[] scores = run(new DefaultDetectorType().create(), values);
    double before = Arrays.stream(scores, 500, 2000).max().orElseThrow();
    double after = Arrays.stream(scores, 2000, 2030).max().orElseThrow();
    assertThat(after).isGreaterThan(before);
  }

  @Test
  void constantSeriesScoresZeroUntilItChanges() {
    double[] values = new double[1000];
    Arrays.fill(values, 7.0);
    values[900] = 8.0;
    double[] scores = run(new DefaultDetectorType().create(), values);
    assertThat(Arrays.stream(scores, 0, 900).max().orElseThrow()).isEqualTo(0.0);
    assertThat(scores[900]).isGreaterThan(0.5);
  }

  @Test
  void valueJustBeyondTheRememberedRangeIsFlaggedByTheRecordView() {
    // A square wave between 0 and 10: a jump of 10 is ordinary, so 11.5 is unremarkable to the level
    // and step views; only the record view knows nothing above 10 has been seen.
    for (long seed = 1; seed <= 10; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      Detector detector = new DefaultDetectorType().create();
      double before = 0.0;
      for (int i = 0; i < 3000; i++) {
        double value = ((i / 37) % 2 == 0 ? 0.0 : 10.0) + 0.1 * random.nextGaussian();
        double score = detector.update(T0 + i * 60_000L, value).score();
        if (i >= 200) {
          before = Math.max(before, score);
        }
      }
      DetectionResult beyond = detector.update(T0 + 3000 * 60_000L, 11.5);
      assertThat(before).as("seed %d", seed).isLessThan(DefaultDetector.ALARM_SCORE);
      assertThat(beyond.score()).as("seed %d", seed).isGreaterThanOrEqualTo(DefaultDetector.ALARM_SCORE);
      assertThat(beyond.component()).isEqualTo("record");
    }
  }

  @Test
  void cusumViewAddsUpAHeldDeviationAndDrainsOnceItEnds() {
    DefaultDetector detector = (DefaultDetector) new DefaultDetectorType().create();
    double[] values = noisyWave(3200, 100, 8);
    for (int i = 0; i < 3000; i++) {
      detector.update(T0 + i * 300_000L, values[i]);
    }
    double up = detector.state().moments()[DefaultDetector.M_CUSUM_UP];
    for (int i = 3000; i < 3006; i++) {
      detector.update(T0 + i * 300_000L, values[i] + 4);
      double next = detector.state().moments()[DefaultDetector.M_CUSUM_UP];
      assertThat(next).as("point %d of the held deviation", i - 3000).isGreaterThan(up);
      assertThat(detector.state().moments()[DefaultDetector.M_CUSUM_DOWN]).isZero();
      up = next;
    }
    for (int i = 3006; i < 3200; i++) {
      detector.update(T0 + i * 300_000L, values[i]);
    }
    assertThat(detector.state().moments()[DefaultDetector.M_CUSUM_UP]).as("drained by the slack").isLessThan(up / 4);
  }

  @Test
  void cusumRestartsOnceItHasSignalledSoAHeldDropIsNotAlarmedOverAndOver() {
    // Request counts (Poisson about a daily cycle) that fall to 45% for two days, as a first weekend
    // does: the sums signal the drop, then restart instead of piling up a new record every point.
    for (long seed = 1; seed <= 3; seed++) {
      DefaultDetector detector = (DefaultDetector) new DefaultDetectorType().create();
      SplittableRandom random = new SplittableRandom(seed);
      int cusumAlarms = 0;
      for (int i = 0; i < 2016; i++) {
        double mean = 300 * (1 + 0.6 * Math.cos(2 * Math.PI * (i % 288 - 192) / 288.0)) * (i >= 1440 ? 0.45 : 1.0);
        double value = Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        DetectionResult result = detector.update(T0 + i * 300_000L, value);
        if (result.score() >= DefaultDetector.ALARM_SCORE && result.component().equals("cusum")) {
          cusumAlarms++;
          assertThat(detector.state().moments()[DefaultDetector.M_CUSUM_DOWN]).as("seed %d: the sum restarts at its alarm", seed).isZero();
        }
      }
      assertThat(cusumAlarms).as("seed %d: alarms driven by the cusum view over the two days", seed).isBetween(1, 2);
    }
  }

  /** Poisson request counts about a daily cycle, at 45% on Saturdays and Sundays; the series starts on a Monday. */
  private static double[] weeklyRequests(long seed, int days) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[days * 288];
    for (int i = 0; i < values.length; i++) {
      int day = i / 288;
      double mean = 300 * (1 + 0.6 * Math.cos(2 * Math.PI * (i % 288 - 192) / 288.0)) * (day % 7 >= 5 ? 0.45 : 1.0);
      values[i] = Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    return values;
  }

  @Test
  void aWeekendSeenOnceIsExpectedTheNextWeek() {
    // 2026-03-02, a Monday.
    long monday = 1_772_409_600_000L;
    for (long seed = 1; seed <= 3; seed++) {
      double[] values = weeklyRequests(seed, 21);
      DefaultDetector detector = (DefaultDetector) new DefaultDetectorType().create();
      int[] weekendAlarms = new int[3];
      for (int i = 0; i < values.length; i++) {
        DetectionResult result = detector.update(monday + i * 300_000L, values[i]);
        int day = i / 288;
        if (day % 7 >= 5 && result.score() >= DefaultDetector.ALARM_SCORE) {
          weekendAlarms[day / 7]++;
        }
      }
      assertThat(weekendAlarms[0]).as("seed %d: the first weekend is news", seed).isPositive();
      // With the hour profile alone the next two weekends alarmed 3 to 6 times for these seeds.
      assertThat(weekendAlarms[1] + weekendAlarms[2]).as("seed %d: the next two weekends are expected", seed).isLessThanOrEqualTo(2);
      float[] weekly = detector.state().weekly();
      assertThat(weekly[DefaultDetector.W_WEEKLY_ERROR]).as("seed %d: the weekday offsets predict better", seed)
          .isLessThan(weekly[DefaultDetector.W_DAILY_ERROR]);
    }
  }

  @Test
  void aSeriesWithoutAWeeklyCycleKeepsTheHourProfile() {
    long monday = 1_772_409_600_000L;
    double[] values = noisyWave(21 * 288, 100, 7);
    // A level change for one Wednesday of the first week, which the offsets would otherwise expect again.
    for (int i = 2 * 288; i < 3 * 288; i++) {
      values[i] += 20;
    }
    DefaultDetector detector = (DefaultDetector) new DefaultDetectorType().create();
    double[] scores = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      scores[i] = detector.update(monday + i * 300_000L, values[i]).score();
    }
    float[] weekly = detector.state().weekly();
    assertThat(weekly[DefaultDetector.W_WEEKLY_ERROR]).as("no weekly cycle: the offsets do not predict better")
        .isGreaterThanOrEqualTo(weekly[DefaultDetector.W_DAILY_ERROR]);
    assertThat(Arrays.stream(scores, 9 * 288, 10 * 288).max().orElseThrow()).as("the next Wednesday is ordinary")
        .isLessThan(DefaultDetector.ALARM_SCORE);
  }

  @Test
  void alarmSuppressesTheFollowingPoints() {
    double[] values = noisyWave(3000, 100, 3);
    values[2000] += 30;
    values[2010] += 30;
    double[] scores = run(new DefaultDetectorType().create(), values);
    assertThat(scores[2010]).isLessThan(scores[2000]);
  }

  @Test
  void burstAfterAnAlarmIsNotAlarmedAgain() {
    double[] values = noisyWave(3000, 100, 5);
    for (int i = 2000; i < 2004; i++) {
      values[i] += 40;
    }
    double[] scores = run(new DefaultDetectorType().create(), values);
    assertThat(scores[2000]).isGreaterThanOrEqualTo(DefaultDetector.ALARM_SCORE);
    assertThat(Arrays.stream(scores, 2001, 2004).max().orElseThrow()).isLessThan(DefaultDetector.ALARM_SCORE);
  }

  /** Moments and calibrated views a checkpoint of each older version holds. */
  private static int oldMoments(int version) {
    return version < 3 ? 6 : version == 3 ? 9 : 11;
  }

  private static int oldViews(int version) {
    return version < 3 ? 6 : version == 3 ? 8 : 9;
  }

  /** A checkpoint in the layout of version 1, 2, 3 or 4. */
  private static byte[] olderCheckpoint(DefaultDetectorState state, int version) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(version);
      out.writeLong(state.count());
      out.writeInt(state.suppressionLeft());
      if (version >= 2) {
        out.writeDouble(state.lastAlarmDecades());
      }
      DefaultDetectorStateMapper.writeDoubles(out, Arrays.copyOf(state.moments(), oldMoments(version)));
      DefaultDetectorStateMapper.writeDoubles(out, state.seasonalLevel());
      DefaultDetectorStateMapper.writeFloats(out, state.seasonalSpread());
      DefaultDetectorStateMapper.writeFloats(out, state.seasonalCount());
      DefaultDetectorStateMapper.writeFloats(out, state.transitions());
      out.writeInt(state.previousLevelBin());
      DefaultDetectorStateMapper.writeFloats(out, Arrays.copyOf(state.calibration(), oldViews(version) * TailCalibration.SLICE));
    }
    return bytes.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void olderCheckpointsRestoreWithTheNewViewsStartingFresh(int version) throws IOException {
    DefaultDetector detector = (DefaultDetector) new DefaultDetectorType().create();
    double[] values = noisyWave(3000, 100, 6);
    for (int i = 0; i < 2000; i++) {
      detector.update(T0 + i * 300_000L, values[i]);
    }
    DefaultDetectorState now = detector.state();
    DefaultDetectorState restored = DefaultDetectorStateMapper.fromBytes(olderCheckpoint(now, version));

    assertThat(restored.count()).isEqualTo(2000);
    assertThat(restored.lastAlarmDecades()).isEqualTo(version == 1 ? 0.0 : now.lastAlarmDecades());
    int moments = oldMoments(version);
    assertThat(Arrays.copyOf(restored.moments(), moments)).isEqualTo(Arrays.copyOf(now.moments(), moments));
    if (version < 3) {
      double level = now.moments()[DefaultDetector.M_LEVEL];
      double spread = now.moments()[DefaultDetector.M_SPREAD];
      assertThat(restored.moments()[DefaultDetector.M_FAST_SPREAD]).isEqualTo(spread);
      assertThat(restored.moments()[DefaultDetector.M_RECORD_HIGH]).isEqualTo(level + 3 * spread);
      assertThat(restored.moments()[DefaultDetector.M_RECORD_LOW]).isEqualTo(level - 3 * spread);
    }
    if (version < 4) {
      assertThat(restored.moments()[DefaultDetector.M_CUSUM_UP]).isZero();
      assertThat(restored.moments()[DefaultDetector.M_CUSUM_DOWN]).isZero();
    }
    assertThat(restored.moments()[DefaultDetector.M_LAST_TIME]).isZero();
    assertThat(restored.weekly()).as("no weekday seen yet").containsOnly(0f);
    int oldSlices = oldViews(version) * TailCalibration.SLICE;
    assertThat(Arrays.copyOf(restored.calibration(), oldSlices)).isEqualTo(Arrays.copyOf(now.calibration(), oldSlices));
    float[] fresh = DefaultDetector.emptyState().calibration();
    assertThat(Arrays.copyOfRange(restored.calibration(), oldSlices, fresh.length))
        .isEqualTo(Arrays.copyOfRange(fresh, oldSlices, fresh.length));

    // The upgraded detector carries on: ordinary points stay below the alarm, a spike reaches it.
    Detector upgraded = new DefaultDetectorType().restore(DefaultDetectorStateMapper.toBytes(restored));
    double highest = 0.0;
    for (int i = 2000; i < 2500; i++) {
      highest = Math.max(highest, upgraded.update(T0 + i * 300_000L, values[i]).score());
    }
    assertThat(highest).isLessThan(DefaultDetector.ALARM_SCORE);
    assertThat(upgraded.update(T0 + 2500 * 300_000L, values[2500] + 30).score())
        .isGreaterThanOrEqualTo(DefaultDetector.ALARM_SCORE);
  }

  /** The viewShares setting, as --set takes it. */
  private static Map<String, String> shares(List<Double> shares) {
    return Map.of("viewShares", shares.stream().map(String::valueOf).collect(Collectors.joining(",")));
  }

  @Test
  void eachViewsTailProbabilityIsDividedByItsShare() {
    int views = DefaultDetector.COMPONENTS.length;
    DefaultDetectorConfig equal = DefaultDetectorConfig.DEFAULTS.withSettings(shares(Collections.nCopies(views, 1.0 / views)));
    DefaultDetectorConfig halved = equal.withSettings(shares(Collections.nCopies(views, 0.5 / views)));
    Detector full = new DefaultDetectorType(equal).create();
    Detector half = new DefaultDetectorType(halved).create();
    double[] values = noisyWave(3000, 100, 17);
    double alarm = DefaultDetectorConfig.DEFAULTS.alarmDecades();
    int compared = 0;
    for (int i = 0; i < values.length; i++) {
      double a = full.update(T0 + i * 300_000L, values[i]).score();
      double b = half.update(T0 + i * 300_000L, values[i]).score();
      if (a >= DefaultDetector.ALARM_SCORE || b >= DefaultDetector.ALARM_SCORE) {
        break; // from here the rest periods differ
      }
      if (a > 0.5) {
        // Halving every share doubles every corrected probability: log10(2) decades less surprise.
        double decadesFull = alarm * Math.log(1 - a) / Math.log(1 - DefaultDetector.ALARM_SCORE);
        double decadesHalf = alarm * Math.log(1 - b) / Math.log(1 - DefaultDetector.ALARM_SCORE);
        assertThat(decadesFull - decadesHalf).isCloseTo(Math.log10(2), within(1e-9));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(10);
  }

  @Test
  void viewSharesAreValidatedByName() {
    DefaultDetectorConfig defaults = DefaultDetectorConfig.DEFAULTS;
    assertThatThrownBy(() -> defaults.withSettings(shares(List.of(0.5, 0.5))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("viewShares must have 9 entries");
    List<Double> negative = new ArrayList<>(defaults.viewShares());
    negative.set(4, -0.1);
    assertThatThrownBy(() -> defaults.withSettings(shares(negative)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("viewShares[4] (novelty)");
    assertThatThrownBy(() -> defaults.withSettings(shares(Collections.nCopies(9, 0.2))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to at most 1");
    assertThat(defaults.viewShares().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void settingsChangeTheNamedComponentsAndNothingElse() {
    DefaultDetectorConfig defaults = DefaultDetectorConfig.DEFAULTS;
    DefaultDetectorConfig changed = defaults.withSettings(Map.of(
        "cusumUnit", "4", "warmUpPoints", " 80 ", "viewShares", "0.1, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1"));
    assertThat(changed.cusumUnit()).isEqualTo(4.0);
    assertThat(changed.warmUpPoints()).isEqualTo(80);
    assertThat(changed.viewShares()).containsExactly(0.1, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
    assertThat(changed.withSettings(Map.of("cusumUnit", String.valueOf(defaults.cusumUnit()), "warmUpPoints",
        String.valueOf(defaults.warmUpPoints()))).withSettings(shares(defaults.viewShares()))).isEqualTo(defaults);
    assertThat(defaults.withSettings(Map.of())).isEqualTo(defaults);

    DefaultDetectorType type = new DefaultDetectorType();
    assertThat(type.withSettings(Map.of())).isSameAs(type);
    assertThat(((DefaultDetectorType) type.withSettings(Map.of("cusumUnit", "4"))).config().cusumUnit()).isEqualTo(4.0);
  }

  @Test
  void badSettingsAreRefusedByName() {
    DefaultDetectorConfig defaults = DefaultDetectorConfig.DEFAULTS;
    assertThatThrownBy(() -> defaults.withSettings(Map.of("cusumUnt", "4")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown setting cusumUnt").hasMessageContaining("cusumUnit");
    assertThatThrownBy(() -> defaults.withSettings(Map.of("slowAlpha", "fast")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setting slowAlpha must be a number, was 'fast'");
    assertThatThrownBy(() -> defaults.withSettings(Map.of("rampPoints", "4.5")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setting rampPoints must be a whole number");
    assertThatThrownBy(() -> defaults.withSettings(Map.of("calibrationDecay", "1.5")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("calibrationDecay must be in (0, 1]");
    assertThatThrownBy(() -> defaults.withSettings(Map.of("viewShares", "0.5,0.5")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("viewShares must have 9 entries");
  }

  @Test
  void unknownCheckpointVersionsAreRefused() {
    byte[] checkpoint = new DefaultDetectorType().create().checkpoint();
    checkpoint[0] = 9;
    assertThatThrownBy(() -> DefaultDetectorStateMapper.fromBytes(checkpoint))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 9");
  }

  /** Ordinary points N(50, 1) at one-minute steps from {@code startMillis}, then one spike to 95; the spike's score. */
  private static double spikeAfter(int ordinaryPoints, long startMillis, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Detector detector = new DefaultDetectorType().create();
    for (int i = 0; i < ordinaryPoints; i++) {
      detector.update(startMillis + i * 60_000L, 50.0 + random.nextGaussian());
    }
    return detector.update(startMillis + ordinaryPoints * 60_000L, 95.0).score();
  }

  @Test
  void spikeAfterThreeHundredOrdinaryPointsReachesTheAlarmScore() {
    // The engine's end-to-end case: 2026-11-29T00:00Z, seed 7.
    assertThat(spikeAfter(300, 1_795_910_400_000L, 7)).isGreaterThanOrEqualTo(DefaultDetector.ALARM_SCORE);
    for (long seed = 1; seed <= 20; seed++) {
      long arbitraryStart = 1_700_000_000_000L + seed * 987_654_321L;
      assertThat(spikeAfter(300, arbitraryStart, seed)).as("seed %d", seed)
          .isGreaterThanOrEqualTo(DefaultDetector.ALARM_SCORE);
    }
  }

  @Test
  void spikeAfterAShortWarmUpReachesTheAlarmScore() {
    for (long seed = 1; seed <= 20; seed++) {
      long arbitraryStart = 1_600_000_000_000L + seed * 123_456_789L;
      assertThat(spikeAfter(100, arbitraryStart, seed)).as("seed %d", seed)
          .isGreaterThanOrEqualTo(DefaultDetector.ALARM_SCORE);
    }
  }

  @Test
  void youngDetectorsAlarmNoMoreOftenThanSettledOnesOnWhiteNoise() {
    // Alarms per point on N(100, 5) noise just after the warm-up against the same detectors
    // settled; without the ramp the first 250 points after the warm-up alarmed 2.5 times as often.
    int warmUp = DefaultDetectorConfig.DEFAULTS.warmUpPoints();
    long young = 0;
    long settled = 0;
    for (long seed = 1; seed <= 200; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      Detector detector = new DefaultDetectorType().create();
      for (int i = 0; i < 1500; i++) {
        double score = detector.update(T0 + i * 60_000L, 100 + 5 * random.nextGaussian()).score();
        if (score >= DefaultDetector.ALARM_SCORE && i >= warmUp && i < warmUp + 250) {
          young++;
        } else if (score >= DefaultDetector.ALARM_SCORE && i >= 1000) {
          settled++;
        }
      }
    }
    double youngRate = young / (200 * 250.0);
    double settledRate = settled / (200 * 500.0);
    assertThat(settled).as("settled alarms").isPositive();
    assertThat(youngRate).as("young %d, settled %d", young, settled).isLessThanOrEqualTo(settledRate);
  }

  @Test
  void scoreIsTheAlarmScoreExactlyAtTheAlarmLevel() {
    double alarm = DefaultDetectorConfig.DEFAULTS.alarmDecades();
    assertThat(DefaultDetector.scoreOf(alarm, alarm)).isCloseTo(DefaultDetector.ALARM_SCORE, within(1e-12));
    assertThat(DefaultDetector.scoreOf(0.5 * alarm, alarm)).isLessThan(DefaultDetector.ALARM_SCORE);
    assertThat(DefaultDetector.scoreOf(20 * alarm, alarm)).isLessThanOrEqualTo(1.0);
  }

  @Test
  void checkpointStaysSmall() {
    Detector detector = new DefaultDetectorType().create();
    run(detector, noisyWave(5000, 100, 4));
    // The budget for a series' state is 2 KB of heap; the checkpoint holds the same numbers.
    assertThat(detector.checkpoint().length).isLessThan(2048);
  }
}
