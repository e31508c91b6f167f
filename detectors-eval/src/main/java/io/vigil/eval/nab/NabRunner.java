package io.vigil.eval.nab;

import io.vigil.detectors.Detector;
import io.vigil.detectors.DetectorType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs a detector type over a NAB corpus, writes NAB-layout result files and scores them. */
public final class NabRunner {

  /** What a run produced: the scores per profile and how fast the detector went. */
  public record Report(String name, Map<NabProfile, NabScorer.ProfileScore> profiles, long points, long detectorNanos) {

    public double pointsPerSecond() {
      return detectorNanos == 0 ? 0.0 : points * 1e9 / detectorNanos;
    }

    /** A plain-text table: per profile, the threshold, the overall score and each category's. */
    public String format() {
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "detector %s: %d points, %.0f points/s%n", name, points, pointsPerSecond()));
      for (NabScorer.ProfileScore p : profiles.values()) {
        out.append(String.format(Locale.ROOT, "%n%s (threshold %s)%n", p.profile().name(), p.threshold()));
        out.append(String.format(Locale.ROOT, "  %-26s %8s %9s %9s %8s %7s%n", "category", "score", "raw", "null", "windows", "FP rows"));
        for (NabScorer.PartScore c : p.categories().values()) {
          appendPart(out, c);
        }
        appendPart(out, p.overall());
      }
      return out.toString();
    }

    private static void appendPart(StringBuilder out, NabScorer.PartScore c) {
      out.append(String.format(Locale.ROOT, "  %-26s %8.2f %9.3f %9.3f %4d/%-3d %7d%n", c.name(), c.normalised(),
          c.rawScore(), c.nullScore(), c.windowsDetected(), c.windows(), c.falsePositiveRows()));
    }
  }

  private NabRunner() {}

  /**
   * Scores every series with a fresh detector of {@code type}; if {@code outDir} is given, writes
   * {@code outDir/name/<category>/name_<file>.csv} with {@code timestamp,value,anomaly_score,label}.
   */
  public static Report run(NabCorpus corpus, DetectorType type, String name, Path outDir) {
    return run(corpus, type, name, outDir, (done, total, points) -> { });
  }

  /** Told after each series is scored, for a progress display. */
  @FunctionalInterface
  public interface Progress {
    void seriesDone(int done, int total, long pointsDone);
  }

  /** As {@link #run(NabCorpus, DetectorType, String, Path)}, telling {@code progress} after each series. */
  public static Report run(NabCorpus corpus, DetectorType type, String name, Path outDir, Progress progress) {
    List<NabScorer.ScoredSeries> scored = new ArrayList<>();
    long nanos = 0;
    long pointsDone = 0;
    int total = corpus.series().size();
    for (NabSeries series : corpus.series()) {
      double[] scores = new double[series.size()];
      long start = System.nanoTime();
      Detector detector = type.create();
      for (int i = 0; i < series.size(); i++) {
        scores[i] = detector.update(series.timestampMillis()[i], series.values()[i]).score();
      }
      nanos += System.nanoTime() - start;
      scored.add(new NabScorer.ScoredSeries(series, scores));
      if (outDir != null) {
        write(outDir, name, series, scores);
      }
      pointsDone += series.size();
      progress.seriesDone(scored.size(), total, pointsDone);
    }
    return new Report(name, NabScorer.score(scored, NabProfile.all()), corpus.points(), nanos);
  }

  private static void write(Path outDir, String name, NabSeries series, double[] scores) {
    Path file = outDir.resolve(name).resolve(series.category()).resolve(name + "_" + series.fileName());
    try {
      Files.createDirectories(file.getParent());
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        out.write("timestamp,value,anomaly_score,label\n");
        for (int i = 0; i < series.size(); i++) {
          boolean inWindow = false;
          for (NabWindow w : series.windows()) {
            inWindow |= w.contains(i);
          }
          out.write(series.timestampTexts().get(i));
          out.write(',');
          out.write(series.valueTexts().get(i));
          out.write(',');
          out.write(Double.toString(scores[i]));
          out.write(inWindow ? ",1\n" : ",0\n");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
