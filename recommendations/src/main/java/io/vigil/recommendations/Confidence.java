package io.vigil.recommendations;

/**
 * How far a recommendation can be trusted, 0 to 1, and why: the evidence's coverage (days with
 * samples, counted as a sample a minute the way the VPA recommender counts them), and its stability
 * (the coefficient of variation of utilisation). A kill for memory is direct proof that the memory is
 * too small, so it lifts the confidence of an increase to at least {@value #KILL_CONFIDENCE}.
 *
 * @param basis one line that says what the score rests on
 */
public record Confidence(double score, Level level, String basis) {

  public static final double KILL_CONFIDENCE = 0.9;

  /** Bands of the score. */
  public enum Level { LOW, MEDIUM, HIGH }

  public static Level levelOf(double score) {
    return score >= 0.75 ? Level.HIGH : score >= 0.5 ? Level.MEDIUM : Level.LOW;
  }

  /**
   * {@code days / (days + 1)} (a day's evidence is worth one half, a week's seven eighths) times
   * {@code 1 / (1 + cv)}.
   */
  public static Confidence of(double days, double coefficientOfVariation, boolean killedForMemory) {
    double coverage = days / (days + 1);
    double stability = 1 / (1 + Math.max(0, coefficientOfVariation));
    double score = coverage * stability;
    String basis = String.format(java.util.Locale.ROOT, "%.1f days of samples (coverage %.2f), variation %.2f (stability %.2f)",
        days, coverage, coefficientOfVariation, stability);
    if (killedForMemory && score < KILL_CONFIDENCE) {
      score = KILL_CONFIDENCE;
      basis = "killed for memory at its current size; " + basis;
    }
    return new Confidence(score, levelOf(score), basis);
  }
}
