package io.vigil.eval.loghub;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Grouping and parsing accuracy as the published log-parsing benchmarks define them (Zhu et al.,
 * ICSE-SEIP 2019; Khan et al., ICSE 2022).
 */
public final class LogParsingScorer {

  private LogParsingScorer() {}

  /**
   * The fraction of lines whose predicted group holds exactly the lines of their ground-truth group.
   *
   * @param predicted each line's predicted group, any stable key
   * @param truth each line's ground-truth event id
   */
  public static double groupingAccuracy(List<?> predicted, List<String> truth) {
    check(predicted, truth);
    Map<String, Integer> truthSizes = new HashMap<>();
    truth.forEach(id -> truthSizes.merge(id, 1, Integer::sum));
    Map<Object, Integer> predictedSizes = new HashMap<>();
    Map<Object, String> predictedTruth = new HashMap<>();
    Map<Object, Boolean> pure = new HashMap<>();
    for (int i = 0; i < predicted.size(); i++) {
      Object group = predicted.get(i);
      predictedSizes.merge(group, 1, Integer::sum);
      String first = predictedTruth.putIfAbsent(group, truth.get(i));
      if (first != null && !first.equals(truth.get(i))) {
        pure.put(group, false);
      }
    }
    long correct = 0;
    for (Map.Entry<Object, Integer> group : predictedSizes.entrySet()) {
      boolean exact = pure.getOrDefault(group.getKey(), true)
          && truthSizes.get(predictedTruth.get(group.getKey())).equals(group.getValue());
      if (exact) {
        correct += group.getValue();
      }
    }
    return predicted.isEmpty() ? 1.0 : (double) correct / predicted.size();
  }

  /** The fraction of lines whose predicted template equals the ground truth token for token. */
  public static double parsingAccuracy(List<String> predicted, List<String> truth) {
    check(predicted, truth);
    Map<String, List<String>> tokenCache = new HashMap<>();
    long correct = 0;
    for (int i = 0; i < predicted.size(); i++) {
      List<String> p = tokenCache.computeIfAbsent(predicted.get(i), LogParsingScorer::tokens);
      List<String> t = tokenCache.computeIfAbsent(truth.get(i), LogParsingScorer::tokens);
      if (p.equals(t)) {
        correct++;
      }
    }
    return predicted.isEmpty() ? 1.0 : (double) correct / predicted.size();
  }

  private static List<String> tokens(String template) {
    String trimmed = template.strip();
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
  }

  private static void check(List<?> predicted, List<String> truth) {
    if (predicted.size() != truth.size()) {
      throw new IllegalArgumentException(predicted.size() + " predictions for " + truth.size() + " lines");
    }
  }
}
