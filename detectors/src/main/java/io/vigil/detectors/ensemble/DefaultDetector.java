package io.vigil.detectors.ensemble;

import io.vigil.detectors.DetectionResult;
import io.vigil.detectors.Detector;
import io.vigil.detectors.stats.TailCalibration;

/**
 * The default ensemble: nine views of the series, each raw score calibrated against its own past,
 * combined by the smallest tail probability over its view's share of the false-alarm budget (a
 * weighted Bonferroni correction), damped after an alarm and mapped
 * so that the alarm level scores {@link #ALARM_SCORE}.
 *
 * <p>Views: {@code level} (distance from a slow robust level in spread units), {@code shift} (fast
 * level against slow level, in standard errors of the fast mean), {@code step} (jump from the previous
 * value against the typical jump), {@code seasonal} (distance from the hour-of-day profile, plus
 * the weekday's offset once a week has been seen and only while the offsets predict better than
 * the hour profile alone), {@code seasonal-shift} (fast mean of the seasonal residual), {@code novelty} (surprise of the
 * transition between quantised levels under a decayed first-order Markov model), {@code spread} (fast
 * mean absolute deviation against the slow one: the series got noisier) and {@code record} (how far the
 * value goes beyond the highest or lowest of a long, slowly forgotten past, in twentieths of that range,
 * after Numenta's spatial anomaly detector) and {@code cusum} (Page's two-sided cumulative sum of the
 * residual from the hour profile, in spreads, less a slack per point: a moderate shift that persists;
 * restarted once it has signalled).
 * Every raw score is computed before the point is learned, so the detector is strictly causal.
 */
public final class DefaultDetector implements Detector {

  /**
   * The score an alarm maps to, so {@code detection.anomalyThreshold} of this value flags what the
   * ensemble calls an alarm (and starts its rest period for). The alarm level was tuned to NAB's best
   * standard-profile threshold; since the cusum view, NAB's best sits a little higher (0.93, about
   * 2.9 decades), and moving the alarm level there moved the dev score by under a point either way.
   */
  public static final double ALARM_SCORE = 0.9;

  static final String[] COMPONENTS =
      {"level", "shift", "step", "seasonal", "novelty", "seasonal-shift", "spread", "record", "cusum"};
  private static final int LEVEL = 0;
  private static final int SHIFT = 1;
  private static final int STEP = 2;
  private static final int SEASONAL = 3;
  private static final int NOVELTY = 4;
  private static final int SEASONAL_SHIFT = 5;
  private static final int SPREAD = 6;
  private static final int RECORD = 7;
  private static final int CUSUM = 8;

  static final int M_LEVEL = 0;
  static final int M_SPREAD = 1;
  private static final int M_FAST = 2;
  private static final int M_PREVIOUS = 3;
  private static final int M_STEP_SPREAD = 4;
  private static final int M_SEASONAL_RESIDUAL = 5;
  static final int M_FAST_SPREAD = 6;
  static final int M_RECORD_HIGH = 7;
  static final int M_RECORD_LOW = 8;
  static final int M_CUSUM_UP = 9;
  static final int M_CUSUM_DOWN = 10;
  /** Time of the previous point, so the weekday offsets weigh points by the time they stand for. */
  static final int M_LAST_TIME = 11;
  static final int MOMENTS = 12;

  /** The weekly state: seven weekday offsets, the time each weekday has been seen, and the comparison. */
  static final int W_OFFSET = 0;
  static final int W_SEEN = 7;
  static final int W_WEEKLY_ERROR = 14;
  static final int W_DAILY_ERROR = 15;
  static final int W_COMPARED = 16;
  static final int WEEKLY = 17;

  static final int HOURS = 24;
  private static final int BOOTSTRAP_POINTS = 10;
  static final int LEVEL_BINS = 8;
  private static final double[] LEVEL_EDGES = {-2.5, -1.5, -0.75, 0.0, 0.75, 1.5, 2.5};
  /** Mean absolute deviation of a normal variable is sigma * sqrt(2/pi). */
  private static final double MAD_TO_SIGMA = Math.sqrt(Math.PI / 2.0);
  private static final double LN10 = Math.log(10.0);
  /** A view's raw score at this many times the alarm level (in decades) is an outlier of that view. */
  private static final double OUTLIER_ALARMS = 2.0;
  /** The weight an outlier's raw score gets in its view's calibration. */
  private static final double OUTLIER_SHARE = 0.3;
  /** Surprise beyond this many decades is not told apart (and a tail probability of 0 stays finite). */
  private static final double MAX_DECADES = 30.0;
  private static final long HOUR_MILLIS = 3_600_000L;
  private static final double DAY_MILLIS = 24.0 * HOUR_MILLIS;
  /** A weekday's offset averages its residuals over about two days of that weekday's data (two weeks). */
  private static final double WEEKDAY_TIME_CONSTANT_MILLIS = 2.0 * DAY_MILLIS;
  /** Each weekday is known once seen for most of a day; all seven, a week, before offsets are used. */
  private static final double WEEKDAY_KNOWN_MILLIS = 0.8 * DAY_MILLIS;
  /** The two predictions are compared over about a day, and for at least two hours before offsets are used. */
  private static final double COMPARISON_MILLIS = DAY_MILLIS;
  private static final double COMPARED_ENOUGH_MILLIS = 2.0 * HOUR_MILLIS;
  /** A gap counts for at most an hour: the weights stand for the time a point covers, not an outage. */
  private static final double MAX_ELAPSED_MILLIS = HOUR_MILLIS;
  /** The record view's unit: this share of the remembered range. */
  private static final double RECORD_UNIT = 0.05;
  /** A residual beyond this many spreads adds no more to the cumulative sums than this. */
  private static final double CUSUM_CLIP = 6.0;

  private final DefaultDetectorConfig config;
  /** Shared by every detector of a type: each view's tail probability is multiplied by its factor. */
  private final double[] viewFactors;
  private final double outlierProbability;
  private long count;
  private int suppressionLeft;
  private double lastAlarmDecades;
  private final double[] moments;
  private final double[] seasonalLevel;
  private final float[] seasonalSpread;
  private final float[] seasonalCount;
  private final float[] transitions;
  private final float[] weekly;
  private int previousLevelBin;
  private final float[] calibration;

  DefaultDetector(DefaultDetectorConfig config, double[] viewFactors, DefaultDetectorState state) {
    this.config = config;
    this.viewFactors = viewFactors;
    this.outlierProbability = Math.pow(10.0, -OUTLIER_ALARMS * config.alarmDecades());
    this.count = state.count();
    this.suppressionLeft = state.suppressionLeft();
    this.lastAlarmDecades = state.lastAlarmDecades();
    this.moments = requireLength("moments", state.moments().clone(), MOMENTS);
    this.seasonalLevel = requireLength("seasonalLevel", state.seasonalLevel().clone(), HOURS);
    this.seasonalSpread = requireLength("seasonalSpread", state.seasonalSpread().clone(), HOURS);
    this.seasonalCount = requireLength("seasonalCount", state.seasonalCount().clone(), HOURS);
    this.transitions = requireLength("transitions", state.transitions().clone(), LEVEL_BINS * LEVEL_BINS);
    this.weekly = requireLength("weekly", state.weekly().clone(), WEEKLY);
    this.previousLevelBin = state.previousLevelBin();
    this.calibration = requireLength("calibration", state.calibration().clone(),
        COMPONENTS.length * TailCalibration.SLICE);
  }

  /** The state of a detector that has seen nothing. */
  static DefaultDetectorState emptyState() {
    float[] calibration = new float[COMPONENTS.length * TailCalibration.SLICE];
    for (int c = 0; c < COMPONENTS.length; c++) {
      TailCalibration.reset(calibration, c * TailCalibration.SLICE);
    }
    return new DefaultDetectorState(0, 0, 0.0, new double[MOMENTS], new double[HOURS], new float[HOURS], new float[HOURS],
        new float[LEVEL_BINS * LEVEL_BINS], 0, calibration, new float[WEEKLY]);
  }

  @Override
  public DetectionResult update(long timestampMillis, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, was " + value);
    }
    if (count == 0) {
      first(timestampMillis, value);
      return new DetectionResult(0.0, value, value, COMPONENTS[LEVEL]);
    }
    double level = moments[M_LEVEL];
    double sigma = sigma(moments[M_SPREAD], level);
    double[] raw = new double[COMPONENTS.length];
    raw[LEVEL] = Math.abs(value - level) / sigma;
    double fastAlpha = config.fastAlpha();
    double fastLevel = moments[M_FAST] + fastAlpha * (value - moments[M_FAST]);
    raw[SHIFT] = Math.abs(fastLevel - level) / (sigma * Math.sqrt(fastAlpha / (2.0 - fastAlpha)));
    double step = value - moments[M_PREVIOUS];
    raw[STEP] = Math.abs(step) / Math.max(sigma(moments[M_STEP_SPREAD], level), 0.1 * sigma);
    int hour = hourOfDay(timestampMillis);
    int weekday = dayOfWeek(timestampMillis);
    double elapsed = Math.min(Math.max(0.0, timestampMillis - moments[M_LAST_TIME]), MAX_ELAPSED_MILLIS);
    boolean seasonalReady = seasonalCount[hour] >= 3f;
    double seasonalSigma = Math.max(seasonalSpread[hour] * MAD_TO_SIGMA, 0.25 * sigma);
    boolean weekKnown = weekKnown();
    // Decided before this point counts in the comparison: whether to use the offset must not depend on the point.
    double weekdayOffset = weekKnown && weeklyPredictsBetter() ? weekly[W_OFFSET + weekday] : 0.0;
    if (weekKnown && seasonalReady) {
      compareWeekly(elapsed, value, seasonalLevel[hour], weekly[W_OFFSET + weekday], seasonalSigma);
    }
    double expected = seasonalLevel[hour] + weekdayOffset;
    raw[SEASONAL] = seasonalReady ? Math.abs(value - expected) / seasonalSigma : 0.0;
    double residual = seasonalReady ? value - expected : 0.0;
    double residualLevel = moments[M_SEASONAL_RESIDUAL] + fastAlpha * (residual - moments[M_SEASONAL_RESIDUAL]);
    raw[SEASONAL_SHIFT] = seasonalReady
        ? Math.abs(residualLevel) / (seasonalSigma * Math.sqrt(fastAlpha / (2.0 - fastAlpha))) : 0.0;
    int levelBin = levelBin((value - level) / sigma);
    raw[NOVELTY] = transitionSurprise(previousLevelBin, levelBin);
    double fastSpread = moments[M_FAST_SPREAD] + config.spreadAlpha() * (Math.abs(value - level) - moments[M_FAST_SPREAD]);
    raw[SPREAD] = fastSpread / (sigma / MAD_TO_SIGMA);
    double high = moments[M_RECORD_HIGH];
    double low = moments[M_RECORD_LOW];
    double range = Math.max(high - low, 1e-9 * Math.abs(level) + 1e-300);
    // While the detector warms up the range is still being found: its widening is not news, and
    // learned into the calibration it would make real records look ordinary for a long while.
    raw[RECORD] = count < config.warmUpPoints()
        ? 0.0 : Math.max(0.0, Math.max(value - high, low - value)) / (RECORD_UNIT * range);

    // Page's two-sided CUSUM of the residual (from the hour profile once it is ready), in spreads:
    // a shift of a couple of spreads that persists adds up, where each point alone is unremarkable.
    double residualZ = clip(seasonalReady ? residual / seasonalSigma : (value - level) / sigma, CUSUM_CLIP);
    double cusumUp = Math.max(0.0, moments[M_CUSUM_UP] + residualZ - config.cusumSlack());
    double cusumDown = Math.max(0.0, moments[M_CUSUM_DOWN] - residualZ - config.cusumSlack());
    raw[CUSUM] = count < config.warmUpPoints() ? 0.0 : Math.max(cusumUp, cusumDown) / config.cusumUnit();

    double smallest = 1.0;
    int driver = LEVEL;
    for (int c = 0; c < COMPONENTS.length; c++) {
      int offset = c * TailCalibration.SLICE;
      double p = TailCalibration.tailProbability(calibration, offset, raw[c]);
      // Raw scores from before the spread is bootstrapped are huge and meaningless (the spread
      // starts at zero); learned into the open-ended top bin they would make real extremes look
      // ordinary for the next thousand points.
      // A view's own outliers count for less in its reference distribution, so one anomaly does
      // not make the next one of the same size look ordinary for a thousand points.
      if (count > BOOTSTRAP_POINTS) {
        boolean outlier = p * COMPONENTS.length <= outlierProbability;
        TailCalibration.observe(calibration, offset, raw[c], config.calibrationDecay(), outlier ? OUTLIER_SHARE : 1.0);
      }
      double corrected = p * viewFactors[c];
      if (corrected < smallest) {
        smallest = corrected;
        driver = c;
      }
    }
    double combined = Math.min(1.0, smallest);
    double decades = Math.min(MAX_DECADES, -Math.log(combined) / LN10);
    if (suppressionLeft > 0) {
      // A repeat must out-surprise the alarm that started the rest period: NAB, like an on-call
      // engineer, counts only the first detection of an incident, and a burst's later points
      // are usually as extreme as its first.
      double damping = Math.max(config.suppressionDecades(), lastAlarmDecades);
      decades -= damping * suppressionLeft / Math.max(1, config.suppressionPoints());
      suppressionLeft--;
    }
    decades -= rampPenalty();
    boolean warm = count >= config.warmUpPoints();
    if (warm && decades >= config.alarmDecades()) {
      suppressionLeft = config.suppressionPoints();
      lastAlarmDecades = decades;
      if (driver == CUSUM) {
        // Page's scheme restarts once it has signalled: a shift that stays is then the new normal
        // for the sums, and only a further shift adds up to another alarm.
        cusumUp = 0.0;
        cusumDown = 0.0;
      }
    }
    double score = !warm || decades <= 0.0 ? 0.0 : scoreOf(decades, config.alarmDecades());

    moments[M_SEASONAL_RESIDUAL] = residualLevel;
    moments[M_CUSUM_UP] = cusumUp;
    moments[M_CUSUM_DOWN] = cusumDown;
    // The fast spread starts from nothing once the slow spread is bootstrapped, as the slow one did.
    moments[M_FAST_SPREAD] = count <= BOOTSTRAP_POINTS ? 0.0 : fastSpread;
    moments[M_RECORD_HIGH] = Math.max(value, level + (high - level) * config.recordDecay());
    moments[M_RECORD_LOW] = Math.min(value, level - (level - low) * config.recordDecay());
    moments[M_LAST_TIME] = timestampMillis;
    learn(value, level, sigma, fastLevel, step, hour, levelBin, weekday, weekdayOffset, elapsed);
    double center = seasonalReady ? expected : level;
    double halfBand = 3.0 * (seasonalReady ? seasonalSigma : sigma);
    return new DetectionResult(score, center - halfBand, center + halfBand, COMPONENTS[driver]);
  }

  /**
   * Decades a young detector takes off its output: {@code rampDecades} at the end of the warm-up,
   * fading linearly to none at {@code rampPoints}. Each view's calibration has then seen only a few
   * hundred raw scores, so a tail probability near its floor is often just the newest record of a
   * short past; on white noise the first 50 points after the warm-up alarmed ten times as often as
   * the steady state before this ramp.
   */
  private double rampPenalty() {
    int end = config.rampPoints();
    int start = config.warmUpPoints();
    if (count >= end || end <= start) {
      return 0.0;
    }
    return config.rampDecades() * Math.min(1.0, (end - count) / (double) (end - start));
  }

  /**
   * Maps decades of surprise to a score in [0, 1) that equals {@link #ALARM_SCORE} exactly at the
   * alarm level: {@code 1 - (1 - ALARM_SCORE)^(decades / alarmDecades)}. Monotone, so NAB's ranking
   * is unchanged; its purpose is that one fixed engine threshold means "alarm" for every series.
   */
  static double scoreOf(double decades, double alarmDecades) {
    return 1.0 - Math.pow(1.0 - ALARM_SCORE, decades / alarmDecades);
  }

  private void first(long timestampMillis, double value) {
    moments[M_LEVEL] = value;
    moments[M_FAST] = value;
    moments[M_PREVIOUS] = value;
    moments[M_RECORD_HIGH] = value;
    moments[M_RECORD_LOW] = value;
    moments[M_LAST_TIME] = timestampMillis;
    int hour = hourOfDay(timestampMillis);
    seasonalLevel[hour] = value;
    seasonalCount[hour] = 1f;
    previousLevelBin = levelBin(0.0);
    count = 1;
  }

  private void learn(double value, double level, double sigma, double fastLevel, double step, int hour, int levelBin,
      int weekday, double weekdayOffset, double elapsed) {
    count++;
    double alpha = Math.max(config.slowAlpha(), 1.0 / count);
    double deviation = value - level;
    // Clipped steps keep one outlier from dragging the level or inflating the spread; not while
    // the spread is still being bootstrapped, or it could never grow from zero.
    double clipScale = count <= BOOTSTRAP_POINTS ? Double.POSITIVE_INFINITY : 1.0;
    moments[M_LEVEL] = level + alpha * clip(deviation, 3.0 * sigma * clipScale);
    moments[M_SPREAD] += alpha * (Math.min(Math.abs(deviation), 4.0 * sigma * clipScale) - moments[M_SPREAD]);
    moments[M_FAST] = fastLevel;
    double stepSigma = sigma(moments[M_STEP_SPREAD], level);
    moments[M_STEP_SPREAD] += alpha * (Math.min(Math.abs(step), 4.0 * stepSigma * clipScale) - moments[M_STEP_SPREAD]);
    moments[M_PREVIOUS] = value;

    float seen = seasonalCount[hour];
    double seasonalAlpha = Math.max(config.seasonalAlpha(), 1.0 / (seen + 1.0));
    if (seen >= 3f) {
      learnWeekday(weekday, value - seasonalLevel[hour], elapsed, sigma);
    }
    double seasonalDeviation = value - weekdayOffset - seasonalLevel[hour];
    if (seen == 0f) {
      seasonalLevel[hour] = value;
    } else {
      double seasonalSigma = Math.max(seasonalSpread[hour] * MAD_TO_SIGMA, 0.25 * sigma)
          * (seen < BOOTSTRAP_POINTS ? Double.POSITIVE_INFINITY : 1.0);
      seasonalLevel[hour] += seasonalAlpha * clip(seasonalDeviation, 3.0 * seasonalSigma);
      seasonalSpread[hour] += (float) (seasonalAlpha
          * (Math.min(Math.abs(seasonalDeviation), 4.0 * seasonalSigma) - seasonalSpread[hour]));
    }
    seasonalCount[hour] = Math.min(seen + 1f, 1e6f);

    int row = previousLevelBin * LEVEL_BINS;
    float decay = (float) config.transitionDecay();
    for (int j = 0; j < LEVEL_BINS; j++) {
      transitions[row + j] *= decay;
    }
    transitions[row + levelBin] += 1f;
    previousLevelBin = levelBin;
  }

  /** Whether every weekday has been seen for most of a day: a week, the least that can show a weekly cycle. */
  private boolean weekKnown() {
    for (int d = 0; d < 7; d++) {
      if (weekly[W_SEEN + d] < WEEKDAY_KNOWN_MILLIS) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the hour profile plus the weekday's offset has lately predicted the points better than
   * the hour profile alone: the weekly cycle is used only where the data shows one, so a series
   * without one (or whose first week had a level change) keeps the daily profile.
   */
  private boolean weeklyPredictsBetter() {
    return weekly[W_COMPARED] >= COMPARED_ENOUGH_MILLIS && weekly[W_WEEKLY_ERROR] < weekly[W_DAILY_ERROR];
  }

  /** Scores both predictions of a point before it is learned: mean absolute errors over about a day, clipped at six spreads. */
  private void compareWeekly(double elapsed, double value, double hourLevel, double offset, double seasonalSigma) {
    if (elapsed == 0.0) {
      return;
    }
    double compared = Math.min(weekly[W_COMPARED] + elapsed, 1e12);
    weekly[W_COMPARED] = (float) compared;
    double weight = Math.min(1.0, Math.max(elapsed / COMPARISON_MILLIS, elapsed / compared));
    double limit = 6.0 * seasonalSigma;
    weekly[W_WEEKLY_ERROR] += (float) (weight * (Math.min(Math.abs(value - hourLevel - offset), limit) - weekly[W_WEEKLY_ERROR]));
    weekly[W_DAILY_ERROR] += (float) (weight * (Math.min(Math.abs(value - hourLevel), limit) - weekly[W_DAILY_ERROR]));
  }

  /**
   * Moves the weekday's offset towards the residual from the hour profile (clipped at three spreads
   * from the offset), weighted by the time the point stands for over a two-day time constant (or
   * over all of that weekday seen so far while that is shorter), so the weights are the same
   * whatever the sampling interval.
   */
  private void learnWeekday(int weekday, double residual, double elapsed, double sigma) {
    if (elapsed == 0.0) {
      return;
    }
    double seenMillis = Math.min(weekly[W_SEEN + weekday] + elapsed, 1e12);
    weekly[W_SEEN + weekday] = (float) seenMillis;
    double weight = Math.min(1.0, Math.max(elapsed / WEEKDAY_TIME_CONSTANT_MILLIS, elapsed / seenMillis));
    double offset = weekly[W_OFFSET + weekday];
    weekly[W_OFFSET + weekday] = (float) (offset + weight * clip(residual - offset, 3.0 * sigma));
  }

  private double transitionSurprise(int from, int to) {
    int row = from * LEVEL_BINS;
    double total = 0.0;
    for (int j = 0; j < LEVEL_BINS; j++) {
      total += transitions[row + j];
    }
    double prior = 0.5;
    return -Math.log((transitions[row + to] + prior / LEVEL_BINS) / (total + prior));
  }

  private static int levelBin(double z) {
    int bin = 0;
    while (bin < LEVEL_EDGES.length && z > LEVEL_EDGES[bin]) {
      bin++;
    }
    return bin;
  }

  private static int dayOfWeek(long timestampMillis) {
    return (int) Math.floorMod(Math.floorDiv(timestampMillis, (long) DAY_MILLIS), 7L);
  }

  private static int hourOfDay(long timestampMillis) {
    long hours = Math.floorDiv(timestampMillis, HOUR_MILLIS);
    return (int) Math.floorMod(hours, 24L);
  }

  /** Spread in sigma units, never zero: a floor relative to the level keeps constant series finite. */
  private static double sigma(double meanAbsDeviation, double level) {
    return meanAbsDeviation * MAD_TO_SIGMA + 1e-12 * Math.abs(level) + 1e-300;
  }

  private static double clip(double x, double limit) {
    return Math.max(-limit, Math.min(limit, x));
  }

  private static <T> T requireLength(String name, T array, int length) {
    if (java.lang.reflect.Array.getLength(array) != length) {
      throw new IllegalArgumentException("state " + name + " must have length " + length);
    }
    return array;
  }

  /** A copy of the current state. */
  public DefaultDetectorState state() {
    return new DefaultDetectorState(count, suppressionLeft, lastAlarmDecades, moments.clone(), seasonalLevel.clone(),
        seasonalSpread.clone(), seasonalCount.clone(), transitions.clone(), previousLevelBin, calibration.clone(), weekly.clone());
  }

  @Override
  public byte[] checkpoint() {
    return DefaultDetectorStateMapper.toBytes(state());
  }
}
