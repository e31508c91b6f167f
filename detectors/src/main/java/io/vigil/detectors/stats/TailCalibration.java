package io.vigil.detectors.stats;

/**
 * Turns a non-negative raw score into a right-tail probability against the decayed histogram of that
 * component's own past raw scores, held in a slice of a float array owned by the caller.
 *
 * <p>Bins are geometric ({@code edge(j) = FIRST_EDGE * RATIO^j}) so one small array covers raw scores
 * from a tenth to hundreds. Instead of decaying every bin each step, each new observation is added
 * with a weight that grows by {@code 1/decay}; the slice is rescaled before the weight overflows. The
 * last two floats of a slice hold the running total and the current weight.
 */
public final class TailCalibration {

  /** Number of histogram bins per component. */
  public static final int BINS = 24;
  /** Floats a caller reserves per component: the bins, the total, the weight. */
  public static final int SLICE = BINS + 2;
  private static final double FIRST_EDGE = 0.1;
  private static final double RATIO = 1.4;
  private static final double LOG_RATIO = Math.log(RATIO);
  private static final float RESCALE_ABOVE = 1e30f;

  private TailCalibration() {}

  /** Initialises a slice: empty histogram, weight one. */
  public static void reset(float[] slices, int offset) {
    for (int j = 0; j < BINS + 1; j++) {
      slices[offset + j] = 0f;
    }
    slices[offset + BINS + 1] = 1f;
  }

  /**
   * The tail probability of {@code raw}: past mass above it (interpolated within its bin; all of the
   * open-ended last bin counts as above), plus a
   * prior {@code e^{-raw}} weight of one observation, over the total plus one. The prior keeps
   * scores beyond anything seen ordered by their size instead of all tied at zero.
   */
  public static double tailProbability(float[] slices, int offset, double raw) {
    double total = slices[offset + BINS];
    double above = 0.0;
    int bin = binOf(raw);
    for (int j = BINS - 1; j > bin; j--) {
      above += slices[offset + j];
    }
    double low = bin == 0 ? 0.0 : edge(bin - 1);
    double high = edge(bin);
    double fractionAbove = bin == BINS - 1 ? 1.0 : Math.max(0.0, Math.min(1.0, (high - raw) / (high - low)));
    above += fractionAbove * slices[offset + bin];
    double weight = slices[offset + BINS + 1];
    // Float sums can overshoot the total by a rounding error.
    return Math.min(1.0, (above + weight * Math.exp(-raw)) / (total + weight));
  }

  /** Adds one observation with the current weight, then ages the histogram by {@code decay}. */
  public static void observe(float[] slices, int offset, double raw, double decay) {
    observe(slices, offset, raw, decay, 1.0);
  }

  /** As {@link #observe(float[], int, double, double)}, counting the observation as {@code share} of one. */
  public static void observe(float[] slices, int offset, double raw, double decay, double share) {
    float weight = slices[offset + BINS + 1];
    float added = (float) (weight * share);
    slices[offset + binOf(raw)] += added;
    slices[offset + BINS] += added;
    float next = (float) (weight / decay);
    if (next > RESCALE_ABOVE) {
      float scale = 1f / next;
      for (int j = 0; j <= BINS; j++) {
        slices[offset + j] *= scale;
      }
      next = 1f;
    }
    slices[offset + BINS + 1] = next;
  }

  static int binOf(double raw) {
    if (!(raw > FIRST_EDGE)) {
      return 0;
    }
    int bin = (int) Math.ceil(Math.log(raw / FIRST_EDGE) / LOG_RATIO);
    return Math.min(bin, BINS - 1);
  }

  static double edge(int bin) {
    return FIRST_EDGE * Math.pow(RATIO, bin);
  }
}
