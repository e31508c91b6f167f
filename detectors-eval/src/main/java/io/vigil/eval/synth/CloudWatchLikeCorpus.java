package io.vigil.eval.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A seeded corpus of CloudWatch-like series with labelled incidents, in NAB's layout: two weeks of
 * five-minute points per file (as CloudWatch keeps them and as NAB's AWS files are), starting on a
 * Monday so weekends fall where a weekly cycle puts them.
 */
public final class CloudWatchLikeCorpus {

  /** The seed the README's figures were measured with. */
  public static final long DEFAULT_SEED = 20_261_201L;

  static final int POINTS = 14 * 288;
  static final int POINTS_PER_DAY = 288;
  private static final LocalDateTime START = LocalDateTime.of(2026, 3, 2, 0, 0);
  private static final DateTimeFormatter ROW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter WINDOW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

  /** One generated file: its values and the rows its incidents were labelled at. */
  public record Series(String category, String fileName, double[] values, boolean counts, int[] labelRows) {

    public String key() {
      return category + "/" + fileName;
    }

    /** NAB's windows: a tenth of the file shared among the labels, each window centred on its label. */
    public List<int[]> windows() {
      List<int[]> windows = new ArrayList<>();
      if (labelRows.length == 0) {
        return windows;
      }
      int width = (int) (0.10 * values.length / labelRows.length);
      for (int row : labelRows) {
        windows.add(new int[] {Math.max(0, row - width / 2), Math.min(values.length - 1, row + width / 2)});
      }
      return windows;
    }
  }

  private record Recipe(String category, String fileName, boolean counts, Function<SeriesDraw, Shapes.Drawn> draw) {}

  private static final List<Recipe> RECIPES = List.of(
      new Recipe("synthUtilisation", "ecs_cpu_deploy_step.csv", false, Shapes::cpuDeployStep),
      new Recipe("synthUtilisation", "ecs_cpu_saturation.csv", false, Shapes::cpuSaturation),
      new Recipe("synthUtilisation", "ecs_cpu_runaway.csv", false, Shapes::cpuRunaway),
      new Recipe("synthUtilisation", "ecs_cpu_bursty_quiet.csv", false, Shapes::cpuBurstyQuiet),
      new Recipe("synthUtilisation", "rds_cpu_bad_query.csv", false, Shapes::rdsCpuBadQuery),
      new Recipe("synthMemory", "ecs_memory_leak_kill.csv", false, Shapes::memoryLeakKill),
      new Recipe("synthMemory", "ecs_memory_deploy_step.csv", false, Shapes::memoryDeployStep),
      new Recipe("synthMemory", "ecs_memory_steady_quiet.csv", false, Shapes::memorySteadyQuiet),
      new Recipe("synthRequests", "elb_requests_outage.csv", true, Shapes::requestsOutage),
      new Recipe("synthRequests", "elb_requests_surge.csv", true, Shapes::requestsSurge),
      new Recipe("synthRequests", "elb_requests_zone_lost.csv", true, Shapes::requestsZoneLost),
      new Recipe("synthRequests", "elb_requests_weekly_quiet.csv", true, Shapes::requestsWeeklyQuiet),
      new Recipe("synthLatency", "alb_latency_regression.csv", false, Shapes::latencyRegression),
      new Recipe("synthLatency", "alb_latency_storm.csv", false, Shapes::latencyStorm),
      new Recipe("synthLatency", "alb_latency_quiet.csv", false, Shapes::latencyQuiet),
      new Recipe("synthErrors", "alb_5xx_burst.csv", true, Shapes::errorsBurst),
      new Recipe("synthErrors", "alb_5xx_after_deploy.csv", true, Shapes::errorsAfterDeploy),
      new Recipe("synthErrors", "alb_5xx_quiet.csv", true, Shapes::errorsQuiet),
      new Recipe("synthSensors", "ec2_network_in_stuck_zero.csv", false, Shapes::networkStuckAtZero),
      new Recipe("synthSensors", "alb_healthy_hosts_drop.csv", true, Shapes::healthyHostsDrop),
      new Recipe("synthSensors", "rds_disk_queue_flatline.csv", false, Shapes::diskQueueFlatline));

  private CloudWatchLikeCorpus() {}

  /** Every series of the corpus drawn from {@code seed}; each file has a seed of its own derived from it. */
  public static List<Series> generate(long seed) {
    List<Series> corpus = new ArrayList<>();
    for (int i = 0; i < RECIPES.size(); i++) {
      Recipe recipe = RECIPES.get(i);
      Shapes.Drawn drawn = recipe.draw().apply(new SeriesDraw(seed * 1_000_003L + i));
      corpus.add(new Series(recipe.category(), recipe.fileName(), drawn.values(), recipe.counts(), drawn.labelRows()));
    }
    return corpus;
  }

  /** Writes {@code dir/data/<category>/<file>.csv} and {@code dir/labels/combined_windows.json}. */
  public static void write(Path dir, long seed) {
    List<Series> corpus = generate(seed);
    try {
      for (Series series : corpus) {
        Path file = dir.resolve("data").resolve(series.category()).resolve(series.fileName());
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv(series), StandardCharsets.UTF_8);
      }
      Path labels = dir.resolve("labels").resolve("combined_windows.json");
      Files.createDirectories(labels.getParent());
      Files.writeString(labels, windowsJson(corpus), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LocalDateTime timeOf(int row) {
    return START.plusMinutes(5L * row);
  }

  private static String csv(Series series) {
    StringBuilder out = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < series.values().length; i++) {
      double value = series.values()[i];
      String text = series.counts() ? Long.toString(Math.round(value)) : String.format(Locale.ROOT, "%.4f", value);
      out.append(ROW_TIME.format(timeOf(i))).append(',').append(text).append('\n');
    }
    return out.toString();
  }

  private static String windowsJson(List<Series> corpus) {
    StringBuilder out = new StringBuilder("{\n");
    for (int s = 0; s < corpus.size(); s++) {
      Series series = corpus.get(s);
      out.append("    \"").append(series.key()).append("\": [");
      List<int[]> windows = series.windows();
      for (int w = 0; w < windows.size(); w++) {
        out.append(w == 0 ? "\n" : ",\n")
            .append("        [\"").append(WINDOW_TIME.format(timeOf(windows.get(w)[0])))
            .append("\", \"").append(WINDOW_TIME.format(timeOf(windows.get(w)[1]))).append("\"]");
      }
      out.append(windows.isEmpty() ? "]" : "\n    ]").append(s == corpus.size() - 1 ? "\n" : ",\n");
    }
    return out.append("}\n").toString();
  }
}
