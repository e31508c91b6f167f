package io.vigil.recommendations;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A histogram of non-negative values in buckets 5% apart whose samples lose half their weight every
 * half-life, as the Kubernetes VPA recommender keeps usage: a sample's weight is
 * {@code 2^((t - reference) / halfLife)}, so newer samples weigh more without touching the older
 * buckets, and the reference moves forward (scaling every bucket once) before weights overflow.
 *
 * <p>Bucket 0 holds values below {@link #FIRST_BUCKET_END}; bucket {@code i > 0} holds
 * {@code [FIRST_BUCKET_END * 1.05^(i-1), FIRST_BUCKET_END * 1.05^i)}. A percentile answers the end of
 * the bucket it falls in, so it errs at most 5% high, never low. Not thread-safe.
 */
public final class DecayingHistogram {

  /** Ratio between the ends of two neighbouring buckets. */
  public static final double BUCKET_RATIO = 1.05;
  /** The end of the first bucket, in the values' unit (CPU units, MiB). */
  public static final double FIRST_BUCKET_END = 1.0;
  /** Buckets beyond this hold everything larger: 1.05^500 is about 4e10. */
  static final int MAX_BUCKET = 500;
  /** Exponent (in half-lives) beyond which the reference moves, well inside double's range. */
  private static final double MAX_EXPONENT = 100;

  private final long halfLifeMillis;
  private final TreeMap<Integer, Double> weights = new TreeMap<>();
  private long referenceMillis;
  private double totalWeight;

  public DecayingHistogram(long halfLifeMillis) {
    if (halfLifeMillis <= 0) {
      throw new IllegalArgumentException("halfLifeMillis must be positive, was " + halfLifeMillis);
    }
    this.halfLifeMillis = halfLifeMillis;
  }

  /** The saved state: the reference time and every non-empty bucket's weight. */
  public record State(long referenceMillis, SortedMap<Integer, Double> weights) {}

  public static DecayingHistogram restore(long halfLifeMillis, State state) {
    DecayingHistogram histogram = new DecayingHistogram(halfLifeMillis);
    histogram.referenceMillis = state.referenceMillis();
    state.weights().forEach((bucket, weight) -> {
      if (bucket < 0 || bucket > MAX_BUCKET || !(weight > 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("bad bucket " + bucket + " weight " + weight);
      }
      histogram.weights.put(bucket, weight);
      histogram.totalWeight += weight;
    });
    return histogram;
  }

  public State state() {
    return new State(referenceMillis, new TreeMap<>(weights));
  }

  /** Adds {@code value} with weight 1 as of {@code timeMillis}. */
  public void add(double value, long timeMillis) {
    add(value, 1.0, timeMillis);
  }

  public void add(double value, double weight, long timeMillis) {
    if (!(value >= 0) || Double.isInfinite(value) || !(weight > 0)) {
      throw new IllegalArgumentException("value must be finite and non-negative and weight positive, were " + value + ", " + weight);
    }
    if (weights.isEmpty()) {
      referenceMillis = timeMillis;
    }
    double exponent = (double) (timeMillis - referenceMillis) / halfLifeMillis;
    if (exponent > MAX_EXPONENT) {
      moveReference(timeMillis);
      exponent = 0;
    }
    double decayed = weight * Math.pow(2, exponent);
    weights.merge(bucket(value), decayed, Double::sum);
    totalWeight += decayed;
  }

  public boolean isEmpty() {
    return weights.isEmpty();
  }

  /**
   * The value below which a share {@code p} (0 to 1) of the weight lies: the end of the bucket
   * where the cumulative weight reaches it; 0 when empty.
   */
  public double percentile(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p must be from 0 to 1, was " + p);
    }
    if (weights.isEmpty()) {
      return 0;
    }
    double wanted = p * totalWeight;
    double cumulative = 0;
    for (Map.Entry<Integer, Double> entry : weights.entrySet()) {
      cumulative += entry.getValue();
      if (cumulative >= wanted) {
        return bucketEnd(entry.getKey());
      }
    }
    return bucketEnd(weights.lastKey());
  }

  /** The end of the highest non-empty bucket; 0 when empty. */
  public double max() {
    return weights.isEmpty() ? 0 : bucketEnd(weights.lastKey());
  }

  /** Each non-empty bucket's end and its share of the weight, lowest first. */
  public SortedMap<Double, Double> shares() {
    SortedMap<Double, Double> shares = new TreeMap<>();
    weights.forEach((bucket, weight) -> shares.put(bucketEnd(bucket), weight / totalWeight));
    return shares;
  }

  static int bucket(double value) {
    if (value < FIRST_BUCKET_END) {
      return 0;
    }
    int bucket = 1 + (int) Math.floor(Math.log(value / FIRST_BUCKET_END) / Math.log(BUCKET_RATIO));
    // floor(log) can land one low or high at a bucket's edge; nudge it so the value lies inside.
    while (bucket > 1 && value < bucketStart(bucket)) {
      bucket--;
    }
    while (bucket < MAX_BUCKET && value >= bucketEnd(bucket)) {
      bucket++;
    }
    return Math.min(bucket, MAX_BUCKET);
  }

  static double bucketStart(int bucket) {
    return bucket == 0 ? 0 : FIRST_BUCKET_END * Math.pow(BUCKET_RATIO, bucket - 1);
  }

  static double bucketEnd(int bucket) {
    return FIRST_BUCKET_END * Math.pow(BUCKET_RATIO, bucket);
  }

  private void moveReference(long timeMillis) {
    double scale = Math.pow(2, -(double) (timeMillis - referenceMillis) / halfLifeMillis);
    totalWeight = 0;
    TreeMap<Integer, Double> scaled = new TreeMap<>();
    weights.forEach((bucket, weight) -> {
      double kept = weight * scale;
      if (kept > Double.MIN_NORMAL) {
        scaled.put(bucket, kept);
        totalWeight += kept;
      }
    });
    weights.clear();
    weights.putAll(scaled);
    referenceMillis = timeMillis;
  }
}
