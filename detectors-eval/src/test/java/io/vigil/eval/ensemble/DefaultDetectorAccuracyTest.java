package io.vigil.eval.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detectors.Detector;
import io.vigil.detectors.DetectorRegistry;
import io.vigil.detectors.DetectorType;
import io.vigil.detectors.ensemble.DefaultDetectorType;
import io.vigil.eval.bench.DetectorBench;
import io.vigil.eval.nab.NabProfile;
import io.vigil.eval.nab.NabScorer;
import io.vigil.eval.nab.NabSeries;
import io.vigil.eval.nab.NabWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Accuracy on a generated, seeded corpus scored with the NAB rule: daily waves, random walks and
 * noisy counts with injected spikes, level shifts, variance changes and flattened stretches, each
 * inside a NAB-style window (10% of the series, centred on the anomaly).
 */
@Tag("slow")
class DefaultDetectorAccuracyTest {

  private static final long T0 = 1_400_000_000_000L;

  private static List<NabSeries> corpus(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<NabSeries> out = new ArrayList<>();
    for (int f = 0; f < 24; f++) {
      int n = 3000 + random.nextInt(2000);
      double[] values = new double[n];
      double walk = 0;
      int kind = f % 3;
      for (int i = 0; i < n; i++) {
        walk += 0.05 * random.nextGaussian();
        double base = switch (kind) {
          case 0 -> 50 + 10 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian();
          case 1 -> 200 + walk + 0.5 * random.nextGaussian();
          default -> 20 + 5 * Math.max(0, Math.sin(2 * Math.PI * i / 288.0)) + Math.abs(3 * random.nextGaussian());
        };
        values[i] = base;
      }
      int anomalies = 1 + random.nextInt(2);
      int width = n / 10 / anomalies;
      List<NabWindow> windows = new ArrayList<>();
      for (int a = 0; a < anomalies; a++) {
        int at = (int) (n * (0.35 + 0.5 * a / anomalies + 0.1 * random.nextDouble()));
        inject(values, at, random.nextInt(4), random);
        windows.add(new NabWindow(at - width / 2, at + width / 2));
      }
      List<String> texts = new ArrayList<>();
      long[] millis = new long[n];
      for (int i = 0; i < n; i++) {
        millis[i] = T0 + i * 300_000L;
        texts.add(Long.toString(millis[i]));
      }
      out.add(new NabSeries("generated" + kind, "g" + f + ".csv", texts, texts, millis, values, windows));
    }
    return out;
  }

  private static void inject(double[] values, int at, int kind, SplittableRandom random) {
    double scale = 6 + 4 * random.nextDouble();
    switch (kind) {
      case 0 -> values[at] += scale * 3;
      case 1 -> {
        for (int i = at; i < values.length; i++) {
          values[i] += scale;
        }
      }
      case 2 -> {
        for (int i = at; i < Math.min(values.length, at + 200); i++) {
          values[i] += scale * random.nextGaussian();
        }
      }
      default -> {
        for (int i = at; i < Math.min(values.length, at + 150); i++) {
          values[i] = values[at];
        }
      }
    }
  }

  private static double standardScore(DetectorType type, List<NabSeries> corpus) {
    List<NabScorer.ScoredSeries> scored = new ArrayList<>();
    for (NabSeries s : corpus) {
      Detector detector = type.create();
      double[] scores = new double[s.size()];
      for (int i = 0; i < s.size(); i++) {
        scores[i] = detector.update(s.timestampMillis()[i], s.values()[i]).score();
      }
      scored.add(new NabScorer.ScoredSeries(s, scores));
    }
    return NabScorer.score(scored, NabProfile.STANDARD).overall().normalised();
  }

  @Test
  void defaultScoresWellAndBeatsTheRobustBaseline() {
    List<NabSeries> corpus = corpus(2024);
    double ensemble = standardScore(DetectorRegistry.load().byName("default"), corpus);
    double baseline = standardScore(DetectorRegistry.load().byName("robust"), corpus);
    assertThat(ensemble).isGreaterThan(50.0).isGreaterThan(baseline);
  }

  @Test
  void heapPerSeriesStaysUnderTwoKilobytes() {
    DetectorBench.Footprint footprint = DetectorBench.footprint(new DefaultDetectorType(), 20_000, 300);
    assertThat(footprint.bytesPerSeries()).isLessThan(2048.0);
  }
}
