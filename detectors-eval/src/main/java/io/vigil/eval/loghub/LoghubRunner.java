package io.vigil.eval.loghub;

import io.vigil.detectors.logs.TemplateMatch;
import io.vigil.detectors.logs.TemplateMiner;
import io.vigil.detectors.logs.TemplateMinerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Streams each sample's lines, in file order, through a fresh {@link TemplateMiner} and scores the
 * grouping the miner holds at the end (templates merge as they generalise, so each line is counted
 * in the template its id resolves to after the last line).
 */
public final class LoghubRunner {

  /** One system's scores. */
  public record SystemScore(String system, int lines, double groupingAccuracy, double parsingAccuracy,
      int templatesFound, long templatesTruth, double linesPerSecond) {}

  /** Every system's scores, their averages and the miner's speed over all of them. */
  public record Report(List<SystemScore> systems, double linesPerSecond) {

    public Report {
      systems = List.copyOf(systems);
    }

    public double averageGroupingAccuracy() {
      return systems.stream().mapToDouble(SystemScore::groupingAccuracy).average().orElse(0);
    }

    public double averageParsingAccuracy() {
      return systems.stream().mapToDouble(SystemScore::parsingAccuracy).average().orElse(0);
    }

    /** A plain-text table, one row per system, then the averages. */
    public String format() {
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "%-12s %6s %7s %7s %9s %7s %12s%n",
          "system", "lines", "GA", "PA", "templates", "truth", "lines/s"));
      for (SystemScore s : systems) {
        out.append(String.format(Locale.ROOT, "%-12s %6d %7.4f %7.4f %9d %7d %12.0f%n", s.system(), s.lines(),
            s.groupingAccuracy(), s.parsingAccuracy(), s.templatesFound(), s.templatesTruth(), s.linesPerSecond()));
      }
      out.append(String.format(Locale.ROOT, "%-12s %6d %7.4f %7.4f %9s %7s %12.0f%n", "average",
          systems.stream().mapToInt(SystemScore::lines).sum(), averageGroupingAccuracy(), averageParsingAccuracy(),
          "", "", linesPerSecond));
      return out.toString();
    }
  }

  /** Where the timed loops leave their result, so the JIT cannot drop the work. */
  private static volatile long consumed;

  private LoghubRunner() {}

  /**
   * Scores each sample with one streaming pass (a fresh miner per sample), then times the miner:
   * {@code timingRounds} untimed passes over every sample to warm the JIT, then {@code timingRounds}
   * timed ones.
   */
  public static Report run(List<LoghubSample> samples, TemplateMinerConfig config, int timingRounds) {
    for (int round = 0; round < timingRounds; round++) {
      for (LoghubSample sample : samples) {
        timeOnePass(sample, config);
      }
    }
    long[] nanos = new long[samples.size()];
    for (int round = 0; round < timingRounds; round++) {
      for (int i = 0; i < samples.size(); i++) {
        nanos[i] += timeOnePass(samples.get(i), config);
      }
    }
    List<SystemScore> scores = new ArrayList<>(samples.size());
    long lines = 0;
    long totalNanos = 0;
    for (int i = 0; i < samples.size(); i++) {
      LoghubSample sample = samples.get(i);
      scores.add(score(sample, config, perSecond((long) sample.lines() * timingRounds, nanos[i])));
      lines += (long) sample.lines() * timingRounds;
      totalNanos += nanos[i];
    }
    return new Report(scores, perSecond(lines, totalNanos));
  }

  private static double perSecond(long lines, long nanos) {
    return nanos == 0 ? 0 : lines * 1e9 / nanos;
  }

  private static SystemScore score(LoghubSample sample, TemplateMinerConfig config, double linesPerSecond) {
    TemplateMiner miner = new TemplateMiner(config);
    int[] ids = new int[sample.lines()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = miner.add(sample.contents().get(i)).templateId();
    }
    List<Integer> groups = new ArrayList<>(ids.length);
    List<String> templates = new ArrayList<>(ids.length);
    for (int id : ids) {
      groups.add(id < 0 ? -1 : miner.resolve(id));
      templates.add(id < 0 ? "" : miner.template(id));
    }
    return new SystemScore(sample.system(), sample.lines(),
        LogParsingScorer.groupingAccuracy(groups, sample.eventIds()),
        LogParsingScorer.parsingAccuracy(templates, sample.templates()),
        miner.templates().size(), sample.truthTemplates(), linesPerSecond);
  }

  private static long timeOnePass(LoghubSample sample, TemplateMinerConfig config) {
    TemplateMiner miner = new TemplateMiner(config);
    long sink = 0;
    long start = System.nanoTime();
    for (String line : sample.contents()) {
      TemplateMatch match = miner.add(line);
      sink += match.templateId();
    }
    long elapsed = System.nanoTime() - start;
    consumed = sink;
    return elapsed;
  }
}
