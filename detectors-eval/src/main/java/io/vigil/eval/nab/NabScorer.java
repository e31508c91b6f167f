package io.vigil.eval.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * NAB's scoring rule: per-row sweep scores from the scaled sigmoid, one threshold for the whole
 * corpus chosen by sweeping every distinct anomaly score, and normalisation between the null detector
 * and a perfect one. Follows the published NAB 1.1 sweeper: probationary rows are dropped, a window
 * counts its best (earliest) detection, a detection outside windows is charged by its distance from
 * the previous window, a row is a detection when its score is at or above the threshold, and among
 * thresholds with equal totals the highest wins.
 */
public final class NabScorer {

  /** NAB's probationary fraction. */
  public static final double PROBATION_FRACTION = 0.15;
  private static final int OUTSIDE = -1;
  private static final int PROBATION = -2;
  private static final double NULL_DETECTOR_SCORE = 0.5;

  /** One series and the scores a detector gave its rows. */
  public record ScoredSeries(NabSeries series, double[] scores) {
    public ScoredSeries {
      if (scores.length != series.size()) {
        throw new IllegalArgumentException(series.key() + ": " + scores.length + " scores for " + series.size() + " rows");
      }
    }
  }

  /** A total at one threshold. */
  public record ThresholdScore(double threshold, double score, int windowsDetected, int windowsMissed, int falsePositiveRows) {}

  /** Raw and normalised score of a category (or the whole corpus) at the corpus threshold. */
  public record PartScore(String name, double rawScore, double nullScore, double perfectScore, double normalised,
      int windows, int windowsDetected, int falsePositiveRows) {}

  /** A profile's result: the corpus threshold, the corpus score and each category's share. */
  public record ProfileScore(NabProfile profile, double threshold, PartScore overall, Map<String, PartScore> categories) {}

  private NabScorer() {}

  /**
   * σ(x) = 2/(1+e^{5x}) − 1, and −1 beyond 3, as NAB's {@code sweeper.py} defines it (at exactly 3
   * the sigmoid itself applies, which is −1 + 6e-7).
   */
  public static double scaledSigmoid(double relativePosition) {
    if (relativePosition > 3.0) {
      return -1.0;
    }
    return 2.0 / (1.0 + Math.exp(5.0 * relativePosition)) - 1.0;
  }

  /** Rows before this index are probationary: min(floor(0.15·n), 0.15·5000). */
  public static double probationLength(int rows) {
    return Math.min(Math.floor(PROBATION_FRACTION * rows), PROBATION_FRACTION * 5000);
  }

  /** Scores every profile over the corpus, with one threshold per profile chosen on the whole corpus. */
  public static Map<NabProfile, ProfileScore> score(List<ScoredSeries> corpus, List<NabProfile> profiles) {
    Map<NabProfile, ProfileScore> out = new LinkedHashMap<>();
    for (NabProfile profile : profiles) {
      out.put(profile, score(corpus, profile));
    }
    return out;
  }

  /** Scores one profile. */
  public static ProfileScore score(List<ScoredSeries> corpus, NabProfile profile) {
    List<ThresholdScore> sweep = sweep(corpus, profile);
    ThresholdScore best = sweep.get(0);
    for (ThresholdScore candidate : sweep) {
      if (candidate.score() > best.score()) {
        best = candidate;
      }
    }
    double threshold = best.threshold();
    PartScore overall = part("overall", corpus, profile, threshold);
    Map<String, List<ScoredSeries>> byCategory = new TreeMap<>();
    for (ScoredSeries s : corpus) {
      byCategory.computeIfAbsent(s.series().category(), k -> new ArrayList<>()).add(s);
    }
    Map<String, PartScore> categories = new LinkedHashMap<>();
    byCategory.forEach((name, list) -> categories.put(name, part(name, list, profile, threshold)));
    return new ProfileScore(profile, threshold, overall, categories);
  }

  private static PartScore part(String name, List<ScoredSeries> series, NabProfile profile, double threshold) {
    ThresholdScore raw = scoreAt(series, profile, threshold);
    double nullScore = nullScore(series, profile);
    int windows = series.stream().mapToInt(s -> s.series().windows().size()).sum();
    double perfect = windows * profile.tpWeight();
    double normalised = perfect == nullScore ? 0.0 : 100.0 * (raw.score() - nullScore) / (perfect - nullScore);
    return new PartScore(name, raw.score(), nullScore, perfect, normalised, windows, raw.windowsDetected(),
        raw.falsePositiveRows());
  }

  /** The best total of NAB's null detector, which gives every row 0.5. */
  static double nullScore(List<ScoredSeries> series, NabProfile profile) {
    List<ScoredSeries> constant = new ArrayList<>(series.size());
    for (ScoredSeries s : series) {
      double[] half = new double[s.series().size()];
      Arrays.fill(half, NULL_DETECTOR_SCORE);
      constant.add(new ScoredSeries(s.series(), half));
    }
    return sweep(constant, profile).stream().mapToDouble(ThresholdScore::score).max().orElseThrow();
  }

  /** Rows as NAB's sweeper sees them, with global window numbers. */
  private static final class Rows {
    final double[] anomalyScore;
    final double[] sweepScore;
    final int[] window;
    final int windowCount;

    Rows(List<ScoredSeries> corpus, NabProfile profile) {
      int n = corpus.stream().mapToInt(s -> s.series().size()).sum();
      anomalyScore = new double[n];
      sweepScore = new double[n];
      window = new int[n];
      double maxTp = scaledSigmoid(-1.0);
      int row = 0;
      int windowBase = 0;
      for (ScoredSeries s : corpus) {
        List<NabWindow> windows = s.series().windows();
        double probation = probationLength(s.series().size());
        int next = 0;
        NabWindow current = null;
        NabWindow previous = null;
        for (int i = 0; i < s.series().size(); i++, row++) {
          if (current == null && next < windows.size() && windows.get(next).startIndex() == i) {
            current = windows.get(next++);
          }
          double sweep;
          int name;
          if (current != null) {
            double position = -(current.endIndex() - i + 1) / (double) current.width();
            sweep = scaledSigmoid(position) * profile.tpWeight() / maxTp;
            name = windowBase + next - 1;
          } else {
            // Before the first window a false positive costs the full weight (NAB's literal -1).
            sweep = (previous == null ? -1.0
                : scaledSigmoid(Math.abs(previous.endIndex() - i) / (double) (previous.width() - 1))) * profile.fpWeight();
            name = OUTSIDE;
          }
          anomalyScore[row] = s.scores()[i];
          sweepScore[row] = sweep;
          window[row] = i >= probation ? name : PROBATION;
          if (current != null && current.endIndex() == i) {
            previous = current;
            current = null;
          }
        }
        windowBase += windows.size();
      }
      windowCount = windowBase;
    }
  }

  /**
   * The total at every distinct anomaly score, from the highest threshold (1.1, nothing fires) down;
   * each entry counts the rows whose score is at or above its threshold.
   */
  public static List<ThresholdScore> sweep(List<ScoredSeries> corpus, NabProfile profile) {
    Rows rows = new Rows(corpus, profile);
    List<Integer> scorable = new ArrayList<>();
    for (int i = 0; i < rows.window.length; i++) {
      if (rows.window[i] != PROBATION) {
        scorable.add(i);
      }
    }
    scorable.sort(Comparator.comparingDouble((Integer i) -> rows.anomalyScore[i]).reversed());
    double[] windowPart = new double[rows.windowCount];
    boolean[] scored = new boolean[rows.windowCount];
    int scoredWindows = 0;
    for (int i : scorable) {
      int w = rows.window[i];
      if (w >= 0 && !scored[w]) {
        scored[w] = true;
        windowPart[w] = -profile.fnWeight();
        scoredWindows++;
      }
    }
    double windowTotal = -profile.fnWeight() * scoredWindows;
    double fpTotal = 0.0;
    int detected = 0;
    int falsePositives = 0;
    boolean[] hit = new boolean[rows.windowCount];
    List<ThresholdScore> out = new ArrayList<>();
    double current = 1.1;
    for (int i : scorable) {
      double score = rows.anomalyScore[i];
      if (score != current) {
        out.add(new ThresholdScore(current, fpTotal + windowTotal, detected, scoredWindows - detected, falsePositives));
        current = score;
      }
      int w = rows.window[i];
      if (w == OUTSIDE) {
        fpTotal += rows.sweepScore[i];
        falsePositives++;
      } else {
        if (!hit[w]) {
          hit[w] = true;
          detected++;
        }
        if (rows.sweepScore[i] > windowPart[w]) {
          windowTotal += rows.sweepScore[i] - windowPart[w];
          windowPart[w] = rows.sweepScore[i];
        }
      }
    }
    out.add(new ThresholdScore(current, fpTotal + windowTotal, detected, scoredWindows - detected, falsePositives));
    return out;
  }

  /** The total when every non-probationary row scoring at or above {@code threshold} is a detection. */
  public static ThresholdScore scoreAt(List<ScoredSeries> corpus, NabProfile profile, double threshold) {
    Rows rows = new Rows(corpus, profile);
    double[] windowPart = new double[rows.windowCount];
    boolean[] scorable = new boolean[rows.windowCount];
    boolean[] hit = new boolean[rows.windowCount];
    double fpTotal = 0.0;
    int falsePositives = 0;
    for (int i = 0; i < rows.window.length; i++) {
      int w = rows.window[i];
      if (w == PROBATION) {
        continue;
      }
      boolean detection = rows.anomalyScore[i] >= threshold;
      if (w == OUTSIDE) {
        if (detection) {
          fpTotal += rows.sweepScore[i];
          falsePositives++;
        }
      } else {
        if (!scorable[w]) {
          scorable[w] = true;
          windowPart[w] = -profile.fnWeight();
        }
        if (detection && (!hit[w] || rows.sweepScore[i] > windowPart[w])) {
          windowPart[w] = Math.max(windowPart[w], rows.sweepScore[i]);
          hit[w] = true;
        }
      }
    }
    double total = fpTotal;
    int detected = 0;
    int missed = 0;
    for (int w = 0; w < rows.windowCount; w++) {
      total += windowPart[w];
      if (hit[w]) {
        detected++;
      } else if (scorable[w]) {
        missed++;
      }
    }
    return new ThresholdScore(threshold, total, detected, missed, falsePositives);
  }
}
