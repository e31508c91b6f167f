package io.vigil.eval.synth;

import java.util.SplittableRandom;

/** The random draws the generated series are made of, from one seeded source. */
final class SeriesDraw {

  private final SplittableRandom random;

  SeriesDraw(long seed) {
    this.random = new SplittableRandom(seed);
  }

  double uniform() {
    return random.nextDouble();
  }

  double uniform(double from, double to) {
    return from + (to - from) * random.nextDouble();
  }

  int integer(int from, int toExclusive) {
    return random.nextInt(from, toExclusive);
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  double gaussian() {
    // Box-Muller: SplittableRandom has no Gaussian of its own on Java 17.
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }

  double exponential(double mean) {
    return -mean * Math.log(1.0 - random.nextDouble());
  }

  /** A Poisson count: Knuth's product method for small means, a rounded normal for large ones. */
  long poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 60) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    long count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }
}
