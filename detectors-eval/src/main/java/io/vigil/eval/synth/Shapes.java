package io.vigil.eval.synth;

import static io.vigil.eval.synth.CloudWatchLikeCorpus.POINTS;
import static io.vigil.eval.synth.CloudWatchLikeCorpus.POINTS_PER_DAY;

import java.util.Arrays;

/**
 * How each file of the corpus is drawn: a normal life (levels, daily and weekly cycles, the noise
 * and bursts that are usual for the metric) and, except in the quiet files, incidents at random
 * times after NAB's probationary period, each labelled at its onset (a kill for memory at the
 * kill).
 */
final class Shapes {

  /** A drawn file: its values and its labelled rows. */
  record Drawn(double[] values, int[] labelRows) {}

  private static final int HOUR = 12;

  private Shapes() {}

  // ---- the normal life of a metric

  /** -1 to 1 over a day, highest at {@code peakHour} UTC. */
  static double daily(int row, double peakHour) {
    double hour = (row % POINTS_PER_DAY) / (double) HOUR;
    return Math.cos(2 * Math.PI * (hour - peakHour) / 24.0);
  }

  /** Saturday and Sunday (the corpus starts on a Monday). */
  static boolean weekend(int row) {
    return (row / POINTS_PER_DAY) % 7 >= 5;
  }

  /** A row between day {@code fromDay} and {@code toDay}, after NAB's probation (the first 2.1 days). */
  static int incidentRow(SeriesDraw draw, double fromDay, double toDay) {
    return (int) (draw.uniform(fromDay, toDay) * POINTS_PER_DAY);
  }

  static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }

  /** Short bursts above the level that are normal for a busy service: start with {@code chance}, last a few points. */
  private static final class Bursts {
    private final SeriesDraw draw;
    private final double chance;
    private final double meanHeight;
    private int left;
    private double height;

    Bursts(SeriesDraw draw, double chance, double meanHeight) {
      this.draw = draw;
      this.chance = chance;
      this.meanHeight = meanHeight;
    }

    double next() {
      if (left == 0 && draw.chance(chance)) {
        left = draw.integer(1, 4);
        height = draw.exponential(meanHeight);
      }
      if (left > 0) {
        left--;
        return height;
      }
      return 0;
    }
  }

  /** A container's CPU: level, daily cycle damped at weekends, noise and usual bursts, within 0 and 100. */
  private static double[] cpu(SeriesDraw draw, double level, double amplitude, double noise, double burstChance) {
    Bursts bursts = new Bursts(draw, burstChance, 12);
    double[] values = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      double cycle = amplitude * daily(i, 15) * (weekend(i) ? 0.5 : 1.0) - (weekend(i) ? amplitude * 0.3 : 0);
      values[i] = level + cycle + noise * draw.gaussian() + bursts.next();
    }
    return values;
  }

  private static double[] bounded(double[] values) {
    for (int i = 0; i < values.length; i++) {
      values[i] = clamp(values[i], 0, 100);
    }
    return values;
  }

  /** Mean requests per five minutes: a daily cycle, lower at weekends. */
  private static double requestRate(int row, double base) {
    return base * (1 + 0.6 * daily(row, 16)) * (weekend(row) ? 0.45 : 1.0);
  }

  private static double[] requests(SeriesDraw draw, double base, double[] factor) {
    double[] values = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      values[i] = draw.poisson(requestRate(i, base) * factor[i]);
    }
    return values;
  }

  /** Seconds per request: log-normal around a daily median, with the slow requests every service has. */
  private static double[] latency(SeriesDraw draw, double[] factor) {
    double[] values = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      double median = 0.12 * (1 + 0.15 * daily(i, 16));
      double slow = draw.chance(0.01) ? Math.exp(1.2 + 0.5 * draw.gaussian()) : 1.0;
      values[i] = median * factor[i] * Math.exp(0.25 * draw.gaussian()) * slow;
    }
    return values;
  }

  private static double[] errors(SeriesDraw draw, double[] rate) {
    double[] values = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      double usual = 0.3 * (1 + 0.5 * daily(i, 16));
      double straggler = draw.chance(0.005) ? draw.integer(3, 6) : 0;
      values[i] = draw.poisson(usual + rate[i]) + straggler;
    }
    return values;
  }

  private static double[] ones() {
    double[] factor = new double[POINTS];
    Arrays.fill(factor, 1.0);
    return factor;
  }

  private static void scale(double[] factor, int from, int length, double by) {
    for (int i = from; i < Math.min(POINTS, from + length); i++) {
      factor[i] *= by;
    }
  }

  private static Drawn quiet(double[] values) {
    return new Drawn(values, new int[0]);
  }

  private static Drawn labelled(double[] values, int... rows) {
    return new Drawn(values, rows);
  }

  // ---- utilisation

  static Drawn cpuDeployStep(SeriesDraw draw) {
    double[] values = cpu(draw, 20, 6, 1.5, 0.01);
    int deploy = incidentRow(draw, 5, 11);
    double step = draw.uniform(12, 20);
    for (int i = deploy; i < POINTS; i++) {
      values[i] += step;
    }
    return labelled(bounded(values), deploy);
  }

  static Drawn cpuSaturation(SeriesDraw draw) {
    double[] values = cpu(draw, 35, 10, 2, 0.01);
    int start = incidentRow(draw, 4, 12);
    int length = draw.integer(2 * HOUR, 4 * HOUR);
    for (int i = start; i < start + length; i++) {
      values[i] = 97 + 1.5 * draw.gaussian();
    }
    return labelled(bounded(values), start);
  }

  static Drawn cpuRunaway(SeriesDraw draw) {
    double[] values = cpu(draw, 25, 5, 1.5, 0.01);
    int start = incidentRow(draw, 4, 11);
    int ramp = draw.integer(4 * HOUR, 8 * HOUR);
    double top = draw.uniform(85, 95);
    int restart = start + ramp + 2 * HOUR;
    for (int i = start; i < restart; i++) {
      double progress = Math.min(1.0, (i - start) / (double) ramp);
      values[i] += progress * (top - 25);
    }
    return labelled(bounded(values), start);
  }

  static Drawn cpuBurstyQuiet(SeriesDraw draw) {
    double[] values = cpu(draw, 15, 5, 2, 0.03);
    for (int i = 0; i < POINTS; i += HOUR) {
      values[i] += 30 + 5 * draw.gaussian(); // an hourly job, normal for this service
    }
    return quiet(bounded(values));
  }

  static Drawn rdsCpuBadQuery(SeriesDraw draw) {
    double[] values = cpu(draw, 30, 12, 2.5, 0.005);
    for (int day = 6; day < 14; day += 7) {
      for (int i = day * POINTS_PER_DAY + 2 * HOUR; i < day * POINTS_PER_DAY + 4 * HOUR; i++) {
        values[i] = 70 + 3 * draw.gaussian(); // the weekly batch, Sunday 02:00-04:00
      }
    }
    int day = draw.integer(3, 5) + (draw.chance(0.5) ? 7 : 0); // a weekday afternoon
    int start = day * POINTS_PER_DAY + draw.integer(13 * HOUR, 16 * HOUR);
    int length = draw.integer(2 * HOUR, 3 * HOUR);
    for (int i = start; i < start + length; i++) {
      values[i] = draw.uniform(75, 85);
    }
    return labelled(bounded(values), start);
  }

  // ---- memory

  /** Memory of a JVM service: a level with a GC sawtooth every three hours. */
  private static double[] memory(SeriesDraw draw, double level) {
    double[] values = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      values[i] = level + 3 * ((i % (3 * HOUR)) / (double) (3 * HOUR)) + 0.3 * draw.gaussian();
    }
    return values;
  }

  static Drawn memoryLeakKill(SeriesDraw draw) {
    double[] values = memory(draw, 40);
    int[] kills = new int[2];
    double[][] spans = {{3.5, 7}, {9, 12.5}};
    for (int k = 0; k < 2; k++) {
      int start = incidentRow(draw, spans[k][0], spans[k][1]);
      int ramp = draw.integer(6 * HOUR, 10 * HOUR);
      for (int i = start; i < start + ramp; i++) {
        values[i] += (i - start) / (double) ramp * (100 - values[i]);
      }
      int kill = start + ramp;
      for (int i = kill; i < kill + HOUR / 2; i++) {
        values[i] = 30 + 10 * (i - kill) / (HOUR / 2.0) + 0.3 * draw.gaussian(); // the restart warms up
      }
      kills[k] = kill;
    }
    return labelled(bounded(values), kills);
  }

  static Drawn memoryDeployStep(SeriesDraw draw) {
    double[] values = memory(draw, 38);
    int deploy = incidentRow(draw, 5, 11);
    double step = draw.uniform(14, 22);
    for (int i = deploy; i < POINTS; i++) {
      values[i] += step;
    }
    return labelled(bounded(values), deploy);
  }

  static Drawn memorySteadyQuiet(SeriesDraw draw) {
    return quiet(bounded(memory(draw, 45)));
  }

  // ---- requests

  static Drawn requestsOutage(SeriesDraw draw) {
    double[] factor = ones();
    int start = incidentRow(draw, 4, 12);
    scale(factor, start, draw.integer(6, 12), 0.03);
    return labelled(requests(draw, 300, factor), start);
  }

  static Drawn requestsSurge(SeriesDraw draw) {
    double[] factor = ones();
    int start = incidentRow(draw, 4, 12);
    scale(factor, start, draw.integer(HOUR, 2 * HOUR), draw.uniform(3, 5));
    return labelled(requests(draw, 300, factor), start);
  }

  static Drawn requestsZoneLost(SeriesDraw draw) {
    double[] factor = ones();
    int start = incidentRow(draw, 4, 12);
    scale(factor, start, 3 * HOUR, 0.5);
    return labelled(requests(draw, 500, factor), start);
  }

  static Drawn requestsWeeklyQuiet(SeriesDraw draw) {
    return quiet(requests(draw, 200, ones()));
  }

  // ---- latency

  static Drawn latencyRegression(SeriesDraw draw) {
    double[] factor = ones();
    int deploy = incidentRow(draw, 4, 11);
    scale(factor, deploy, draw.integer(6 * HOUR, 10 * HOUR), draw.uniform(2, 2.5));
    return labelled(latency(draw, factor), deploy);
  }

  static Drawn latencyStorm(SeriesDraw draw) {
    double[] factor = ones();
    int start = incidentRow(draw, 4, 12);
    scale(factor, start, draw.integer(6, 12), draw.uniform(6, 12));
    return labelled(latency(draw, factor), start);
  }

  static Drawn latencyQuiet(SeriesDraw draw) {
    return quiet(latency(draw, ones()));
  }

  // ---- errors

  static Drawn errorsBurst(SeriesDraw draw) {
    double[] rate = new double[POINTS];
    int start = incidentRow(draw, 4, 12);
    double burst = draw.uniform(20, 40);
    for (int i = start; i < start + draw.integer(4, 8); i++) {
      rate[i] = burst;
    }
    return labelled(errors(draw, rate), start);
  }

  static Drawn errorsAfterDeploy(SeriesDraw draw) {
    double[] rate = new double[POINTS];
    int deploy = incidentRow(draw, 4, 11);
    double raised = draw.uniform(3, 5);
    for (int i = deploy; i < deploy + 6 * HOUR; i++) {
      rate[i] = raised;
    }
    return labelled(errors(draw, rate), deploy);
  }

  static Drawn errorsQuiet(SeriesDraw draw) {
    return quiet(errors(draw, new double[POINTS]));
  }

  // ---- sensors and host counts

  static Drawn networkStuckAtZero(SeriesDraw draw) {
    double[] values = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      values[i] = 5e6 * (1 + 0.5 * daily(i, 14)) * Math.exp(0.2 * draw.gaussian());
    }
    int start = incidentRow(draw, 4, 12);
    int length = draw.integer(6 * HOUR, 10 * HOUR);
    for (int i = start; i < Math.min(POINTS, start + length); i++) {
      values[i] = 0; // the agent died; CloudWatch reads zero, not missing
    }
    return labelled(values, start);
  }

  static Drawn healthyHostsDrop(SeriesDraw draw) {
    double[] values = new double[POINTS];
    Arrays.fill(values, 4);
    for (int deploy = draw.integer(HOUR, 2 * POINTS_PER_DAY); deploy < POINTS - 2; deploy += draw.integer(POINTS_PER_DAY, 3 * POINTS_PER_DAY)) {
      values[deploy] = 3; // a rolling deploy takes one host out for a point or two
      values[deploy + 1] = draw.chance(0.5) ? 3 : 4;
    }
    int start = incidentRow(draw, 4, 12);
    for (int i = start; i < start + draw.integer(8, 18); i++) {
      values[i] = 1;
    }
    return labelled(values, start);
  }

  static Drawn diskQueueFlatline(SeriesDraw draw) {
    double[] values = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      values[i] = 0.5 + draw.exponential(0.8) * (1 + 0.3 * daily(i, 15));
    }
    int start = incidentRow(draw, 4, 12);
    double stuck = values[start - 1];
    for (int i = start; i < start + draw.integer(8 * HOUR, 12 * HOUR); i++) {
      values[i] = stuck; // the agent repeats its last reading
    }
    return labelled(values, start);
  }
}
