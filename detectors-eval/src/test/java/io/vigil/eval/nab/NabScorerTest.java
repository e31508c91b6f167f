package io.vigil.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** NAB's scoring rule on cases small enough to compute by hand. */
class NabScorerTest {

  private static final double MAX_TP = 2.0 / (1.0 + Math.exp(-5.0)) - 1.0;

  /** A series of {@code n} rows with the given windows (row indices, inclusive). */
  private static NabSeries series(String category, int n, NabWindow... windows) {
    List<String> texts = new ArrayList<>();
    long[] millis = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      texts.add(Integer.toString(i));
      millis[i] = i * 60_000L;
    }
    return new NabSeries(category, "s.csv", texts, texts, millis, values, List.of(windows));
  }

  private static double[] firing(int n, double score, int... rows) {
    double[] scores = new double[n];
    for (int row : rows) {
      scores[row] = score;
    }
    return scores;
  }

  private static double at(NabSeries s, double[] scores, NabProfile profile, double threshold) {
    return NabScorer.scoreAt(List.of(new NabScorer.ScoredSeries(s, scores)), profile, threshold).score();
  }

  @Test
  void scaledSigmoidMatchesItsDefinition() {
    assertThat(NabScorer.scaledSigmoid(-1.0)).isCloseTo(0.9866142981514305, within(1e-12));
    assertThat(NabScorer.scaledSigmoid(0.0)).isEqualTo(0.0);
    assertThat(NabScorer.scaledSigmoid(-0.5)).isCloseTo(2.0 / (1.0 + Math.exp(-2.5)) - 1.0, within(1e-12));
    assertThat(NabScorer.scaledSigmoid(1.0)).isCloseTo(-0.9866142981514305, within(1e-12));
    assertThat(NabScorer.scaledSigmoid(3.0)).isCloseTo(2.0 / (1.0 + Math.exp(15.0)) - 1.0, within(1e-15))
        .isGreaterThan(-1.0);
    assertThat(NabScorer.scaledSigmoid(3.0001)).isEqualTo(-1.0);
    assertThat(NabScorer.scaledSigmoid(2.999)).isGreaterThan(-1.0);
  }

  @Test
  void probationIsFifteenPercentCappedAt750Rows() {
    assertThat(NabScorer.probationLength(1000)).isEqualTo(150.0);
    assertThat(NabScorer.probationLength(4032)).isEqualTo(604.0);
    assertThat(NabScorer.probationLength(15902)).isEqualTo(750.0);
  }

  @Test
  void detectionAtTheWindowStartIsWorthTheFullTruePositiveWeight() {
    NabSeries s = series("c", 100, new NabWindow(50, 59));
    assertThat(at(s, firing(100, 1.0, 50), NabProfile.STANDARD, 0.5)).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void laterDetectionInsideTheWindowIsWorthLessAndOnlyTheEarliestCounts() {
    NabSeries s = series("c", 100, new NabWindow(50, 59));
    double halfway = (2.0 / (1.0 + Math.exp(-2.5)) - 1.0) / MAX_TP; // position -(59-55+1)/10 = -0.5
    assertThat(at(s, firing(100, 1.0, 55), NabProfile.STANDARD, 0.5)).isCloseTo(halfway, within(1e-12));
    assertThat(at(s, firing(100, 1.0, 55, 57, 59), NabProfile.STANDARD, 0.5)).isCloseTo(halfway, within(1e-12));
    // The last row of the window: position -1/10.
    double last = (2.0 / (1.0 + Math.exp(-0.5)) - 1.0) / MAX_TP;
    assertThat(at(s, firing(100, 1.0, 59), NabProfile.STANDARD, 0.5)).isCloseTo(last, within(1e-12));
  }

  @Test
  void missedWindowCostsTheFalseNegativeWeight() {
    NabSeries s = series("c", 100, new NabWindow(50, 59));
    assertThat(at(s, new double[100], NabProfile.STANDARD, 0.5)).isEqualTo(-1.0);
    assertThat(at(s, new double[100], NabProfile.REWARD_LOW_FN_RATE, 0.5)).isEqualTo(-2.0);
  }

  @Test
  void falsePositivesAreChargedByDistanceFromThePreviousWindow() {
    NabSeries s = series("c", 100, new NabWindow(50, 59));
    // Before any window: the full weight.
    assertThat(at(s, firing(100, 1.0, 20), NabProfile.STANDARD, 0.5)).isCloseTo(-1.0 - 0.11, within(1e-12));
    assertThat(at(s, firing(100, 1.0, 20), NabProfile.REWARD_LOW_FP_RATE, 0.5)).isCloseTo(-1.0 - 0.22, within(1e-12));
    // Five rows after a ten-row window: position 5/9.
    double near = 0.11 * (2.0 / (1.0 + Math.exp(5.0 * 5.0 / 9.0)) - 1.0);
    assertThat(at(s, firing(100, 1.0, 64), NabProfile.STANDARD, 0.5)).isCloseTo(-1.0 + near, within(1e-12));
    // 27 rows after: position exactly 3, still the sigmoid (NAB charges the full weight only beyond 3).
    double atThree = 0.11 * (2.0 / (1.0 + Math.exp(15.0)) - 1.0);
    assertThat(at(s, firing(100, 1.0, 86), NabProfile.STANDARD, 0.5)).isCloseTo(-1.0 + atThree, within(1e-12))
        .isGreaterThan(-1.0 - 0.11);
    // 28 rows after: beyond 3, the full weight.
    assertThat(at(s, firing(100, 1.0, 87), NabProfile.STANDARD, 0.5)).isCloseTo(-1.0 - 0.11, within(1e-12));
  }

  @Test
  void probationaryDetectionsCountForNothing() {
    NabSeries s = series("c", 100, new NabWindow(50, 59));
    assertThat(at(s, firing(100, 1.0, 3, 14), NabProfile.STANDARD, 0.5)).isEqualTo(-1.0);
    assertThat(at(s, firing(100, 1.0, 15), NabProfile.STANDARD, 0.5)).isCloseTo(-1.11, within(1e-12));
  }

  @Test
  void sweepCountsRowsAtOrAboveEachThresholdAndKeepsTheHighestAmongTies() {
    NabSeries s = series("c", 100, new NabWindow(50, 59));
    double[] scores = new double[100];
    scores[50] = 0.9; // true positive at the window start
    scores[90] = 0.7; // false positive, more than three window widths after it
    scores[30] = 0.5; // false positive before the window
    List<NabScorer.ThresholdScore> sweep =
        NabScorer.sweep(List.of(new NabScorer.ScoredSeries(s, scores)), NabProfile.STANDARD);
    assertThat(sweep).extracting(NabScorer.ThresholdScore::threshold).containsExactly(1.1, 0.9, 0.7, 0.5, 0.0);
    assertThat(sweep.get(0).score()).isEqualTo(-1.0);
    assertThat(sweep.get(1).score()).isCloseTo(1.0, within(1e-12));
    assertThat(sweep.get(2).score()).isCloseTo(1.0 - 0.11, within(1e-12));
    assertThat(sweep.get(3).score()).isCloseTo(1.0 - 0.22, within(1e-12));
    assertThat(sweep.get(4).falsePositiveRows()).isEqualTo(100 - 15 - 10);

    NabScorer.ProfileScore result = NabScorer.score(List.of(new NabScorer.ScoredSeries(s, scores)), NabProfile.STANDARD);
    assertThat(result.threshold()).isEqualTo(0.9);
    assertThat(result.overall().normalised()).isCloseTo(100.0, within(1e-9));

    // Two thresholds with the same total: the higher one is chosen, as NAB's stable sort does.
    double[] tied = new double[100];
    tied[50] = 0.9;
    tied[51] = 0.8;
    assertThat(NabScorer.score(List.of(new NabScorer.ScoredSeries(s, tied)), NabProfile.STANDARD).threshold())
        .isEqualTo(0.9);
  }

  @Test
  void normalisationRunsFromTheNullDetectorToAPerfectOne() {
    NabSeries a = series("x", 200, new NabWindow(60, 79), new NabWindow(120, 139));
    NabSeries b = series("y", 200, new NabWindow(100, 119));
    double[] aScores = firing(200, 1.0, 70); // position -(79-70+1)/20 = -0.5
    double[] bScores = new double[200];     // misses its window
    List<NabScorer.ScoredSeries> corpus =
        List.of(new NabScorer.ScoredSeries(a, aScores), new NabScorer.ScoredSeries(b, bScores));
    NabScorer.ProfileScore standard = NabScorer.score(corpus, NabProfile.STANDARD);
    double tp = (2.0 / (1.0 + Math.exp(-2.5)) - 1.0) / MAX_TP;
    double raw = tp - 1.0 - 1.0;
    assertThat(standard.overall().rawScore()).isCloseTo(raw, within(1e-12));
    assertThat(standard.overall().nullScore()).isEqualTo(-3.0);
    assertThat(standard.overall().perfectScore()).isEqualTo(3.0);
    assertThat(standard.overall().normalised()).isCloseTo(100.0 * (raw + 3.0) / 6.0, within(1e-9));
    assertThat(standard.categories().get("y").normalised()).isCloseTo(0.0, within(1e-9));

    NabScorer.ProfileScore lowFn = NabScorer.score(corpus, NabProfile.REWARD_LOW_FN_RATE);
    assertThat(lowFn.overall().nullScore()).isEqualTo(-6.0);
    assertThat(lowFn.overall().normalised()).isCloseTo(100.0 * (tp - 4.0 + 6.0) / 9.0, within(1e-9));
  }

  @Test
  void sweepAgreesWithDirectScoringAtEveryThreshold() {
    SplittableRandom random = new SplittableRandom(11);
    NabSeries a = series("x", 400, new NabWindow(100, 139), new NabWindow(250, 289));
    NabSeries b = series("y", 300, new NabWindow(200, 229));
    double[] aScores = new double[400];
    double[] bScores = new double[300];
    for (int i = 0; i < aScores.length; i++) {
      aScores[i] = Math.floor(random.nextDouble() * 50) / 50;
    }
    for (int i = 0; i < bScores.length; i++) {
      bScores[i] = Math.floor(random.nextDouble() * 50) / 50;
    }
    List<NabScorer.ScoredSeries> corpus =
        List.of(new NabScorer.ScoredSeries(a, aScores), new NabScorer.ScoredSeries(b, bScores));
    for (NabProfile profile : NabProfile.all()) {
      for (NabScorer.ThresholdScore t : NabScorer.sweep(corpus, profile)) {
        NabScorer.ThresholdScore direct = NabScorer.scoreAt(corpus, profile, t.threshold());
        assertThat(direct.score()).as("%s at %s", profile.name(), t.threshold()).isCloseTo(t.score(), within(1e-9));
        assertThat(direct.falsePositiveRows()).isEqualTo(t.falsePositiveRows());
        assertThat(direct.windowsDetected()).isEqualTo(t.windowsDetected());
      }
    }
  }
}
